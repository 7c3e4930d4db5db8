package org.claimscrub.reference.cms;

import com.opencsv.RFC4180ParserBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CMS NCCI add-on code edit file in the layouts it comes in, Latin-1:
 * <ul>
 *   <li>the fixed-width text file as CMS publishes it, with no header: edit type in column 1, add-on code 2-6,
 *       add-on deletion date 7-13, primary code 14-18, primary deletion date 19-25, edit effective date 26-32,
 *       edit deletion date 33-39, then notes. Notice lines may precede the first edit row;</li>
 *   <li>a text file with a header line: each column starts where its name starts on the header line and runs to
 *       the start of the next. Names may hold single spaces when separated by two or more
 *       ({@code AOC Edit Type   Add-On Code}), or none ({@code AOC_Edit_Type Add-On_Code}); a header with tabs
 *       makes the file tab-separated;</li>
 *   <li>a CSV export of the CMS xlsx (a header with commas), whose date headers end in {@code _julian}.</li>
 * </ul>
 * Of the columns, claimscrub reads five, by name (case, spaces, punctuation and a {@code julian} suffix
 * ignored), in any order:
 * <ul>
 *   <li>{@code Add-On Code} / {@code Add-On_Code}: the add-on;</li>
 *   <li>{@code Primary Code} / {@code Primary_Code}: one acceptable primary, or {@code CCCCC} when the contractor
 *       defines them;</li>
 *   <li>{@code AOC Edit Type} / {@code AOC_Edit_Type} / {@code Edit Type}: 1, 2 or 3;</li>
 *   <li>{@code AOC Edit Effective Date} / {@code AOC_Edit_EffDT} / {@code AOC_Edit_Eff_Date} /
 *       {@code Effective Date}: Julian YYYYDDD;</li>
 *   <li>{@code AOC Edit Deletion Date} / {@code AOC_Edit_DelDT} / {@code AOC_Edit_Del_Date} /
 *       {@code Deletion Date}: Julian YYYYDDD, blank, {@code *} or all 9s for none; the edit applies through
 *       that date.</li>
 * </ul>
 * Other columns (the add-on's and primary's own deletion dates, notes) are ignored.
 */
final class AocReader {
    static final int MAX_NOTICE_LINES = 50;
    /** Column names separated by two or more spaces ("AOC Edit Type   Add-On Code"). */
    private static final Pattern SPACED_LABEL = Pattern.compile("\\S+(?: \\S+)*");
    /** Column names without spaces, separated by any white space ("AOC_Edit_Type Add-On_Code"). */
    private static final Pattern WORD_LABEL = Pattern.compile("\\S+");
    private static final Column[] COLUMNS = {
        new Column("Add-On Code", "Add-On_Code"),
        new Column("Primary Code", "Primary_Code"),
        new Column("AOC Edit Type", "AOC_Edit_Type", "Edit Type"),
        new Column("AOC Edit Effective Date", "AOC_Edit_EffDT", "AOC_Edit_Eff_Date", "Effective Date"),
        new Column("AOC Edit Deletion Date", "AOC_Edit_DelDT", "AOC_Edit_Del_Date", "Deletion Date"),
    };
    private static final int ADD_ON = 0;
    private static final int PRIMARY = 1;
    private static final int TYPE = 2;
    private static final int EFFECTIVE = 3;
    private static final int DELETION = 4;

    record Result(AddOnTable table, long rows, String sha256) {
    }

    /** A column and the header names it goes by, preferred first. */
    private record Column(String... names) {

        String name() {
            return names[0];
        }
    }

    Result read(Path file) throws CmsFileException {
        String name = file.getFileName().toString();
        try (HashedLines hashed = new HashedLines(file)) {
            BufferedReader in = hashed.reader();
            Layout layout = null;
            Map<String, List<AddOnTable.Row>> rows = new HashMap<>();
            long count = 0;
            long lineNumber = 0;
            String text;
            EndOfFile endOfFile = new EndOfFile(file);
            while ((text = in.readLine()) != null) {
                lineNumber++;
                if (text.isBlank() || endOfFile.skip(lineNumber, EndOfFile.isMark(text))) {
                    continue;
                }
                if (layout == null) {
                    layout = Layout.HEADERLESS.matches(text) ? Layout.HEADERLESS : Layout.of(text);
                    if (layout == null && lineNumber >= MAX_NOTICE_LINES) {
                        throw CmsFileException.of(file, "not a CMS add-on code edit file: expected " + LAYOUTS
                                + " within the first " + MAX_NOTICE_LINES + " lines");
                    }
                    if (layout != Layout.HEADERLESS) {
                        continue;
                    }
                }
                AddOnTable.Row row = row(file, lineNumber, layout.fields(text));
                rows.computeIfAbsent(row.addOn(), k -> new ArrayList<>()).add(row);
                count++;
            }
            if (layout == null) {
                throw CmsFileException.of(file, "not a CMS add-on code edit file: expected " + LAYOUTS);
            }
            rows.replaceAll((k, v) -> List.copyOf(v));
            return new Result(new AddOnTable(name, rows), count, hashed.sha256());
        } catch (IOException e) {
            throw CmsFileException.of(file, "cannot read: " + e.getMessage());
        }
    }

    private static AddOnTable.Row row(Path file, long line, String[] fields) throws CmsFileException {
        String addOn = fields[ADD_ON].toUpperCase(Locale.ROOT);
        if (!Codes.isCode(addOn)) {
            throw error(file, line, ADD_ON, Codes.EXPECTED_CODE, addOn);
        }
        String primary = fields[PRIMARY].toUpperCase(Locale.ROOT);
        if (!Codes.isCode(primary) && !primary.equals(AddOnTable.CONTRACTOR_DEFINED)) {
            throw error(file, line, PRIMARY, Codes.EXPECTED_CODE + ", or CCCCC", primary);
        }
        AddOnEditType type = AddOnEditType.of(fields[TYPE]);
        if (type == null) {
            throw error(file, line, TYPE, "expected the edit type 1, 2 or 3", fields[TYPE]);
        }
        LocalDate effective = julian(file, line, EFFECTIVE, fields[EFFECTIVE], false);
        LocalDate deletion = julian(file, line, DELETION, fields[DELETION], true);
        if (deletion != null && deletion.isBefore(effective)) {
            throw error(file, line, DELETION, "expected a deletion date on or after the effective date "
                    + effective, fields[DELETION]);
        }
        return new AddOnTable.Row(addOn, primary, type, effective, deletion);
    }

    private static LocalDate julian(Path file, long line, int column, String text, boolean optional)
            throws CmsFileException {
        if (optional && (text.isEmpty() || text.equals("*") || text.matches("9+"))) {
            return null;
        }
        String expected = "expected a Julian date YYYYDDD" + (optional ? ", blank or '*' for none" : "");
        if (Codes.isDigits(text, 7)) {
            try {
                return LocalDate.ofYearDay(Integer.parseInt(text.substring(0, 4)),
                        Integer.parseInt(text.substring(4)));
            } catch (DateTimeException e) {
                // reported below with the value
            }
        }
        throw error(file, line, column, expected, text);
    }

    private static CmsFileException error(Path file, long line, int column, String expected, String found) {
        return CmsFileException.at(file, line, COLUMNS[column].name(), expected + ", found '" + found + "'");
    }

    /** The layouts read, for errors. */
    private static final String LAYOUTS = "fixed-width edit rows (edit type in column 1, add-on code in 2-6,"
            + " primary code in 14-18, Julian dates in 26-32 and 33-39) or a header line naming " + names();

    private static String names() {
        List<String> names = new ArrayList<>();
        for (Column c : COLUMNS) {
            names.add("'" + c.name() + "'");
        }
        return String.join(", ", names);
    }

    /** How a line splits into cells. */
    private enum Split {
        /** Character ranges: each cell runs from its start to the next cell's start. */
        FIXED,
        TABS,
        CSV
    }

    /** Where each wanted column sits: character ranges (fixed width) or cell indexes (tabs, CSV). */
    private record Layout(Split split, int[] starts, int[] wanted) {

        /**
         * The file as CMS publishes it, without a header: type 1, add-on 2-6, add-on deletion 7-13, primary 14-18,
         * primary deletion 19-25, edit effective 26-32, edit deletion 33-39, notes (columns counted from 1).
         */
        static final Layout HEADERLESS = new Layout(Split.FIXED, new int[] {0, 1, 6, 13, 18, 25, 32, 39},
                new int[] {1, 3, 0, 5, 6});

        /** Whether the line is an edit row of the headerless layout. */
        boolean matches(String line) {
            if (line.length() < starts[6]) {
                return false;
            }
            String[] cells = fields(line);
            return AddOnEditType.of(cells[TYPE]) != null && Codes.isCode(cells[ADD_ON])
                    && (Codes.isCode(cells[PRIMARY]) || cells[PRIMARY].equals(AddOnTable.CONTRACTOR_DEFINED))
                    && Codes.isDigits(cells[EFFECTIVE], 7);
        }

        /** The layout a header line declares, or null when the line is not the header. */
        static Layout of(String header) {
            List<String> labels = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            if (header.indexOf('\t') >= 0) {
                labels.addAll(List.of(header.split("\t", -1)));
                return of(Split.TABS, labels, starts);
            }
            String[] cells = header.indexOf(',') >= 0 ? csvCells(header) : null;
            if (cells != null) {
                Layout csv = of(Split.CSV, List.of(cells), starts);
                if (csv != null) {
                    return csv;
                }
            }
            for (Pattern label : List.of(SPACED_LABEL, WORD_LABEL)) {
                labels.clear();
                starts.clear();
                Matcher m = label.matcher(header);
                while (m.find()) {
                    labels.add(m.group());
                    starts.add(m.start());
                }
                Layout layout = of(Split.FIXED, labels, starts);
                if (layout != null) {
                    return layout;
                }
            }
            return null;
        }

        private static Layout of(Split split, List<String> labels, List<Integer> starts) {
            int[] wanted = new int[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                wanted[c] = find(labels, COLUMNS[c]);
                if (wanted[c] < 0) {
                    return null;
                }
            }
            return new Layout(split, starts.stream().mapToInt(Integer::intValue).toArray(), wanted);
        }

        private static int find(List<String> labels, Column column) {
            for (String name : column.names()) {
                String key = Codes.headerKey(name);
                for (int i = 0; i < labels.size(); i++) {
                    if (labelKey(labels.get(i)).equals(key)) {
                        return i;
                    }
                }
            }
            return -1;
        }

        /** A header name as matched: the xlsx export's {@code _julian} suffix says only how dates are written. */
        private static String labelKey(String label) {
            String key = Codes.headerKey(label);
            return key.endsWith(JULIAN) ? key.substring(0, key.length() - JULIAN.length()) : key;
        }

        /** The wanted columns of a data line, stripped; null for a CSV line that is not well-formed. */
        String[] fields(String line) {
            String[] out = new String[wanted.length];
            String[] cells = switch (split) {
                case TABS -> line.split("\t", -1);
                case CSV -> csvCells(line);
                case FIXED -> null;
            };
            for (int c = 0; c < wanted.length; c++) {
                int i = wanted[c];
                if (split != Split.FIXED) {
                    out[c] = cells != null && i < cells.length ? cells[i].strip() : "";
                } else {
                    int from = Math.min(starts[i], line.length());
                    int to = i + 1 < starts.length ? Math.min(starts[i + 1], line.length()) : line.length();
                    out[c] = line.substring(from, to).strip();
                }
            }
            return out;
        }
    }

    private static final String JULIAN = "julian";

    /** One line of the CSV export, or null when its quotes do not close on the line. */
    private static String[] csvCells(String line) {
        try {
            return new RFC4180ParserBuilder().build().parseLine(line);
        } catch (IOException e) {
            return null;
        }
    }
}
