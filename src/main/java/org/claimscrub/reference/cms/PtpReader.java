package org.claimscrub.reference.cms;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CMS NCCI PTP file (ccipra-* practitioner, ccioph-* hospital) into a {@link PtpIndex.Builder}:
 * tab-separated Latin-1 text; a notice line and a title line, then a header wrapped over several lines, then
 * one edit per line: column 1 code, column 2 code, {@code *} when in existence before 1996, effective date
 * (YYYYMMDD), deletion date (YYYYMMDD, or {@code *} for none), modifier indicator (0, 1 or 9), rationale.
 * The header is checked by the text stacked in each column over the wrapped lines.
 */
final class PtpReader {
    static final int MAX_HEADER_LINES = 50;
    private static final int FIELDS = 7;
    /** What the stacked header text of each column must contain; the pre-1996 flag's wording is not checked. */
    private static final String[] HEADER_WORDS = {"column1", "column2", "", "effective", "deletion", "modifier"};
    private static final String[] FIELD_NAMES = {"Column 1", "Column 2", "In existence prior to 1996",
        "Effective Date", "Deletion Date", "Modifier", "PTP Edit Rationale"};
    static final String LAYOUT = "Column 1, Column 2, *=in existence prior to 1996, Effective Date, Deletion Date,"
            + " Modifier, PTP Edit Rationale";

    record Result(long rows, String sha256) {
    }

    Result read(Path file, PtpIndex.Builder index) throws CmsFileException {
        String[] fields = new String[FIELDS];
        try (HashedLines hashed = new HashedLines(file)) {
            BufferedReader in = hashed.reader();
            List<String> header = new ArrayList<>();
            boolean inData = false;
            long rows = 0;
            long lineNumber = 0;
            EndOfFile endOfFile = new EndOfFile(file);
            String text;
            while ((text = in.readLine()) != null) {
                lineNumber++;
                if (text.isBlank() || endOfFile.skip(lineNumber, EndOfFile.isMark(text))) {
                    continue;
                }
                int count = split(text, fields);
                boolean dataRow = count >= FIELDS - 1 && Codes.isCode(fields[0].strip())
                        && Codes.isCode(fields[1].strip());
                if (!inData) {
                    if (!dataRow) {
                        if (header.size() == MAX_HEADER_LINES) {
                            throw CmsFileException.of(file, "not a CMS PTP table: no edit row within the first "
                                    + MAX_HEADER_LINES + " lines (expected tab-separated " + LAYOUT + ")");
                        }
                        header.add(text);
                        continue;
                    }
                    checkHeader(file, lineNumber, header);
                    inData = true;
                }
                if (!dataRow) {
                    throw CmsFileException.at(file, lineNumber, "", "expected a tab-separated edit row (" + LAYOUT
                            + "), found '" + abbreviate(text) + "'");
                }
                add(file, lineNumber, fields, count, index);
                rows++;
            }
            if (!inData) {
                throw CmsFileException.of(file, "not a CMS PTP table: no edit rows (expected tab-separated " + LAYOUT
                        + ")");
            }
            return new Result(rows, hashed.sha256());
        } catch (IOException e) {
            throw CmsFileException.of(file, "cannot read: " + e.getMessage());
        }
    }

    private static void add(Path file, long line, String[] fields, int count, PtpIndex.Builder index)
            throws CmsFileException {
        String column1 = fields[0].strip();
        String column2 = fields[1].strip();
        String before1996 = fields[2].strip();
        if (!before1996.isEmpty() && !before1996.equals("*")) {
            throw fieldError(file, line, 2, "expected '*' or nothing", before1996);
        }
        char effective = day(file, line, 3, fields[3].strip(), false);
        char deletion = day(file, line, 4, fields[4].strip(), true);
        if (deletion != PtpIndex.OPEN && deletion < effective) {
            throw fieldError(file, line, 4, "expected a deletion date on or after the effective date "
                    + LocalDate.ofEpochDay(effective), fields[4].strip());
        }
        String indicatorText = fields[5].strip();
        PtpModifierIndicator indicator = indicatorText.length() == 1
                ? PtpModifierIndicator.of(indicatorText.charAt(0)) : null;
        if (indicator == null) {
            throw fieldError(file, line, 5, "expected the modifier indicator 0, 1 or 9", indicatorText);
        }
        String rationale = count >= FIELDS ? fields[6].strip() : "";
        String full = index.add(column1, column2, effective, deletion, indicator, rationale);
        if (full != null) {
            throw CmsFileException.at(file, line, "", "the PTP index is full: " + full);
        }
    }

    /** A YYYYMMDD date as days since 1970-01-01; {@code *} is "no deletion" where allowed. */
    private static char day(Path file, long line, int field, String text, boolean starMeansOpen)
            throws CmsFileException {
        if (starMeansOpen && text.equals("*")) {
            return PtpIndex.OPEN;
        }
        String expected = starMeansOpen ? "expected a date as YYYYMMDD or '*' for none" : "expected a date as YYYYMMDD";
        if (!Codes.isDigits(text, 8)) {
            throw fieldError(file, line, field, expected, text);
        }
        try {
            long day = LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
                    Integer.parseInt(text.substring(6))).toEpochDay();
            if (day >= 0 && day < PtpIndex.OPEN) {
                return (char) day;
            }
        } catch (DateTimeException e) {
            // reported below with the value
        }
        throw fieldError(file, line, field, expected + " (a real date from 1970 on)", text);
    }

    private static CmsFileException fieldError(Path file, long line, int field, String expected, String found) {
        return CmsFileException.at(file, line, FIELD_NAMES[field], expected + ", found '" + found + "'");
    }

    /** The header lines stacked per column must name the PTP columns, in order. */
    private static void checkHeader(Path file, long firstDataLine, List<String> header) throws CmsFileException {
        StringBuilder[] stacked = new StringBuilder[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            stacked[i] = new StringBuilder();
        }
        String[] cells = new String[FIELDS];
        for (String line : header) {
            if (line.indexOf('\t') < 0) {
                continue;
            }
            int count = split(line, cells);
            for (int i = 0; i < Math.min(count, FIELDS); i++) {
                stacked[i].append(Codes.headerKey(cells[i]));
            }
        }
        for (int i = 0; i < HEADER_WORDS.length; i++) {
            if (!HEADER_WORDS[i].isEmpty() && stacked[i].indexOf(HEADER_WORDS[i]) < 0) {
                throw CmsFileException.at(file, firstDataLine, "", "expected the PTP column header (" + LAYOUT
                        + ") on the lines before the first edit row; column " + (i + 1) + " does not name '"
                        + FIELD_NAMES[i] + "'");
            }
        }
    }

    /** Splits on tabs into {@code out} (the last field takes the rest); returns the number of fields. */
    private static int split(String line, String[] out) {
        int count = 0;
        int start = 0;
        while (count < out.length - 1) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                break;
            }
            out[count++] = line.substring(start, tab);
            start = tab + 1;
        }
        out[count++] = line.substring(start);
        return count;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
