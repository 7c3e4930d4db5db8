package org.claimscrub.reference.cms;

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
 * Reads the CMS NCCI add-on code edit file, fixed-width text in Latin-1. Notice lines may precede the column
 * header. Columns are located by the header: each column starts where its name starts on the header line and
 * runs to the start of the next. Names may hold single spaces when separated by two or more
 * ({@code AOC Edit Type   Add-On Code}), or none ({@code AOC_Edit_Type Add-On_Code}, as in the xlsx variant);
 * a header with tabs makes the file tab-separated instead. Of the columns, claimscrub reads five, by name (case,
 * spaces and punctuation ignored), in any order:
 * <ul>
 *   <li>{@code Add-On Code} / {@code Add-On_Code}: the add-on;</li>
 *   <li>{@code Primary Code} / {@code Primary_Code}: one acceptable primary, or {@code CCCCC} when the contractor
 *       defines them;</li>
 *   <li>{@code AOC Edit Type} / {@code AOC_Edit_Type} / {@code Edit Type}: 1, 2 or 3;</li>
 *   <li>{@code AOC Edit Effective Date} / {@code AOC_Edit_EffDT} / {@code Effective Date}: Julian YYYYDDD;</li>
 *   <li>{@code AOC Edit Deletion Date} / {@code AOC_Edit_DelDT} / {@code Deletion Date}: Julian YYYYDDD, blank,
 *       {@code *} or all 9s for none; the edit applies through that date.</li>
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
        new Column("AOC Edit Effective Date", "AOC_Edit_EffDT", "Effective Date"),
        new Column("AOC Edit Deletion Date", "AOC_Edit_DelDT", "Deletion Date"),
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
            while ((text = in.readLine()) != null) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                if (layout == null) {
                    layout = Layout.of(text);
                    if (layout == null && lineNumber >= MAX_NOTICE_LINES) {
                        throw CmsFileException.of(file, "not a CMS add-on code edit file: expected a header line"
                                + " naming " + names() + " within the first " + MAX_NOTICE_LINES + " lines");
                    }
                    continue;
                }
                AddOnTable.Row row = row(file, lineNumber, layout.fields(text));
                rows.computeIfAbsent(row.addOn(), k -> new ArrayList<>()).add(row);
                count++;
            }
            if (layout == null) {
                throw CmsFileException.of(file, "not a CMS add-on code edit file: expected a header line naming "
                        + names());
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
            throw error(file, line, ADD_ON, "expected a 5-character HCPCS/CPT add-on code", addOn);
        }
        String primary = fields[PRIMARY].toUpperCase(Locale.ROOT);
        if (!Codes.isCode(primary)) {
            throw error(file, line, PRIMARY, "expected a 5-character HCPCS/CPT code or CCCCC", primary);
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

    private static String names() {
        List<String> names = new ArrayList<>();
        for (Column c : COLUMNS) {
            names.add("'" + c.name() + "'");
        }
        return String.join(", ", names);
    }

    /** Where each wanted column sits: character ranges (fixed width) or field indexes (tab-separated). */
    private record Layout(boolean tabs, int[] starts, int[] wanted) {

        /** The layout a header line declares, or null when the line is not the header. */
        static Layout of(String header) {
            boolean tabs = header.indexOf('\t') >= 0;
            List<String> labels = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            if (tabs) {
                int start = 0;
                for (String cell : header.split("\t", -1)) {
                    labels.add(cell);
                    starts.add(start);
                    start += cell.length() + 1;
                }
                return of(true, labels, starts);
            }
            for (Pattern label : List.of(SPACED_LABEL, WORD_LABEL)) {
                labels.clear();
                starts.clear();
                Matcher m = label.matcher(header);
                while (m.find()) {
                    labels.add(m.group());
                    starts.add(m.start());
                }
                Layout layout = of(false, labels, starts);
                if (layout != null) {
                    return layout;
                }
            }
            return null;
        }

        private static Layout of(boolean tabs, List<String> labels, List<Integer> starts) {
            int[] wanted = new int[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                wanted[c] = find(labels, COLUMNS[c]);
                if (wanted[c] < 0) {
                    return null;
                }
            }
            return new Layout(tabs, starts.stream().mapToInt(Integer::intValue).toArray(), wanted);
        }

        private static int find(List<String> labels, Column column) {
            for (String name : column.names()) {
                String key = Codes.headerKey(name);
                for (int i = 0; i < labels.size(); i++) {
                    if (Codes.headerKey(labels.get(i)).equals(key)) {
                        return i;
                    }
                }
            }
            return -1;
        }

        /** The wanted columns of a data line, stripped. */
        String[] fields(String line) {
            String[] out = new String[wanted.length];
            String[] cells = tabs ? line.split("\t", -1) : null;
            for (int c = 0; c < wanted.length; c++) {
                int i = wanted[c];
                if (tabs) {
                    out[c] = i < cells.length ? cells[i].strip() : "";
                } else {
                    int from = Math.min(starts[i], line.length());
                    int to = i + 1 < starts.length ? Math.min(starts[i + 1], line.length()) : line.length();
                    out[c] = line.substring(from, to).strip();
                }
            }
            return out;
        }
    }
}
