package org.claimscrub.reference.cms;

import org.claimscrub.reference.AssistantIndicator;
import org.claimscrub.reference.BilateralIndicator;
import org.claimscrub.reference.CoSurgeonIndicator;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.GlobalDays;
import org.claimscrub.reference.MultipleProcedureIndicator;
import org.claimscrub.reference.PcTcIndicator;
import org.claimscrub.reference.StatusCode;
import org.claimscrub.reference.TeamIndicator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the CMS PFS relative value file ({@code PPRRVUyy_QQQ.csv}): notice rows, then a header; columns are
 * found by name, case, spaces and punctuation ignored (CMS inserts columns between releases, and writes CO SURG
 * or CO-SURG): HCPCS, MOD, STATUS CODE, PCTC IND, GLOB DAYS, MULT PROC,
 * BILAT SURG, ASST SURG, CO SURG, TEAM SURG. Only the code's own row (MOD blank) is kept: the -26 and -TC rows
 * price the components and carry no indicator the edits use. The descriptor column is not read (AMA text).
 * <p>
 * Files as CMS publishes them end with a DOS end-of-file record (byte 0x1A, then commas): it ends the file.
 * A copy re-saved by a spreadsheet loses zero padding; the values read are normalised, never rejected, and each
 * kind of normalisation is counted in a note: an all-digit code of fewer than five digits is zero-padded
 * ({@code 100} -> {@code 00100}) and a global period of one to three digits is ({@code 0} -> {@code 000},
 * {@code 10} -> {@code 010}, {@code 90} -> {@code 090}). Columns not read (RVUs, conversion factor, calculation
 * flag) are never checked, so their lost padding ({@code 0} for {@code 0.00}, {@code 9} for {@code 09}) is
 * harmless.
 */
final class PfsReader {
    static final int MAX_NOTICE_RECORDS = 30;
    private static final String HCPCS = "HCPCS";
    private static final String MOD = "MOD";
    private static final String GLOB_DAYS = "GLOB DAYS";
    private static final String[] REQUIRED = {HCPCS, MOD, "STATUS CODE", "PCTC IND", GLOB_DAYS, "MULT PROC",
        "BILAT SURG", "ASST SURG", "CO SURG", "TEAM SURG"};

    /**
     * @param notes what was normalised, one phrase per kind ("12 HCPCS codes zero-padded to 5 digits (e.g.
     *              100 -> 00100)"); empty for a file as CMS publishes it
     */
    record Result(Map<String, CodeReference> rows, long dataRows, String sha256, List<String> notes) {
    }

    Result read(Path file) throws CmsFileException {
        try (CsvRecords csv = new CsvRecords(file)) {
            Map<String, Integer> columns = header(file, csv);
            Map<String, CodeReference> rows = new HashMap<>();
            Padding codes = new Padding(HCPCS + " codes", 5, Codes::isCode);
            Padding globalDays = new Padding(GLOB_DAYS + " values", 3, PfsReader::isGlobalDays);
            EndOfFile endOfFile = new EndOfFile(file);
            long count = 0;
            String[] record;
            while ((record = csv.next()) != null) {
                Row row = new Row(file, csv.line(), columns, record);
                if (row.isBlank() || endOfFile.skip(csv.line(), EndOfFile.isMark(record))) {
                    continue;
                }
                String code = codes.normalise(row.get(HCPCS).toUpperCase(Locale.ROOT));
                if (!Codes.isCode(code)) {
                    throw row.error(HCPCS, Codes.EXPECTED_CODE, row.get(HCPCS));
                }
                count++;
                if (!row.get(MOD).isEmpty()) {
                    continue;
                }
                String global = globalDays.normalise(row.get(GLOB_DAYS));
                CodeReference reference = new CodeReference(code, "", null, null,
                        row.indicator("STATUS CODE", StatusCode::of), row.indicator("PCTC IND", PcTcIndicator::of),
                        row.parse(GLOB_DAYS, global, GlobalDays::of),
                        row.indicator("MULT PROC", MultipleProcedureIndicator::of),
                        row.indicator("BILAT SURG", BilateralIndicator::of),
                        row.indicator("ASST SURG", AssistantIndicator::of),
                        row.indicator("CO SURG", CoSurgeonIndicator::of),
                        row.indicator("TEAM SURG", TeamIndicator::of), null);
                if (rows.put(code, reference) != null) {
                    throw row.error(HCPCS, "expected one row per code with MOD blank; " + code + " has two", code);
                }
            }
            List<String> notes = new ArrayList<>();
            codes.note(notes);
            globalDays.note(notes);
            return new Result(Map.copyOf(rows), count, csv.sha256(), notes);
        }
    }

    private static boolean isGlobalDays(String value) {
        try {
            return GlobalDays.of(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Restores the zero padding a spreadsheet strips from an all-digit value, and counts how often it did, so the
     * normalisation is said, not silent. A value that padding does not make valid is left as found, for the error
     * to quote.
     */
    private static final class Padding {
        private final String what;
        private final int width;
        private final Predicate<String> valid;
        private long count;
        private String example;

        Padding(String what, int width, Predicate<String> valid) {
            this.what = what;
            this.width = width;
            this.valid = valid;
        }

        String normalise(String value) {
            if (value.isEmpty() || value.length() >= width || !Codes.isDigits(value, value.length())) {
                return value;
            }
            String padded = "0".repeat(width - value.length()) + value;
            if (!valid.test(padded)) {
                return value;
            }
            if (count++ == 0) {
                example = value + " -> " + padded;
            }
            return padded;
        }

        void note(List<String> notes) {
            if (count > 0) {
                notes.add(String.format(Locale.ROOT, "%,d %s zero-padded to %d digits (e.g. %s)", count, what, width,
                        example));
            }
        }
    }

    /**
     * Finds the header: the first row naming HCPCS and MOD. When the names are stacked over two rows (STATUS above
     * CODE, as spreadsheet exports do), the row above or below is joined cell by cell.
     */
    private static Map<String, Integer> header(Path file, CsvRecords csv) throws CmsFileException {
        String[] previous = new String[0];
        for (int i = 0; i < MAX_NOTICE_RECORDS; i++) {
            String[] record = csv.next();
            if (record == null) {
                break;
            }
            Map<String, Integer> columns = columns(record);
            if (!columns.containsKey(Codes.headerKey(HCPCS)) || !columns.containsKey(Codes.headerKey(MOD))) {
                previous = record;
                continue;
            }
            if (missing(columns) == null) {
                return columns;
            }
            long headerLine = csv.line();
            Map<String, Integer> withAbove = columns(stack(previous, record));
            if (missing(withAbove) == null) {
                return withAbove;
            }
            String[] below = csv.next();
            Map<String, Integer> withBelow = below == null ? columns : columns(stack(record, below));
            if (missing(withBelow) == null) {
                return withBelow;
            }
            throw CmsFileException.at(file, headerLine, "", "expected a '" + missing(columns)
                    + "' column in the header (the PFS relative value file names " + String.join(", ", REQUIRED)
                    + ")");
        }
        throw CmsFileException.of(file, "not a CMS PFS relative value file: expected a header row with 'HCPCS' and"
                + " 'MOD' within the first " + MAX_NOTICE_RECORDS + " records");
    }

    private static Map<String, Integer> columns(String[] header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            columns.putIfAbsent(Codes.headerKey(header[c]), c);
        }
        return columns;
    }

    /** The first required column the header lacks, or null. */
    private static String missing(Map<String, Integer> columns) {
        for (String name : REQUIRED) {
            if (!columns.containsKey(Codes.headerKey(name))) {
                return name;
            }
        }
        return null;
    }

    private static String[] stack(String[] upper, String[] lower) {
        String[] joined = new String[Math.max(upper.length, lower.length)];
        for (int c = 0; c < joined.length; c++) {
            String top = c < upper.length ? upper[c].strip() : "";
            String bottom = c < lower.length ? lower[c].strip() : "";
            joined[c] = (top + " " + bottom).strip();
        }
        return joined;
    }

    private record Row(Path file, long line, Map<String, Integer> columns, String[] cells) {

        String get(String column) {
            int i = columns.get(Codes.headerKey(column));
            return i < cells.length ? cells[i].strip() : "";
        }

        boolean isBlank() {
            for (String cell : cells) {
                if (!cell.isBlank()) {
                    return false;
                }
            }
            return true;
        }


        <E> E indicator(String column, Function<String, E> parse) throws CmsFileException {
            return parse(column, get(column), parse);
        }

        <E> E parse(String column, String text, Function<String, E> parse) throws CmsFileException {
            try {
                return text.isEmpty() ? null : parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw CmsFileException.at(file, line, column, e.getMessage());
            }
        }

        CmsFileException error(String column, String expected, String found) {
            return CmsFileException.at(file, line, column, expected + ", found '" + found + "'");
        }
    }
}
