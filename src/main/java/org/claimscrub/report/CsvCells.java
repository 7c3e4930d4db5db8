package org.claimscrub.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import java.io.Writer;

/** The cells of claimscrub's CSV reports: how they are quoted, and the spreadsheet formula-injection guard. */
public final class CsvCells {
    private CsvCells() {
    }

    /**
     * An opencsv writer as every claimscrub CSV report uses it: comma separated, quotes only where a cell needs
     * them (call {@code writeNext(row, false)}), LF line ends.
     */
    public static ICSVWriter writer(Writer out) {
        return new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_ESCAPE_CHARACTER, "\n");
    }

    /**
     * A cell starting with =, +, -, @, tab or carriage return is read as a formula by Excel and LibreOffice, so it
     * gets a leading apostrophe, which they show as text.
     */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + cell : cell;
    }

    /** Short cells (ids, codes, amounts: most of a row) are looked at once; longer ones with indexOf. */
    private static final int SHORT_CELL = 24;

    private static boolean needsQuotes(String cell) {
        int n = cell.length();
        if (n > SHORT_CELL) {
            // indexOf is an intrinsic that scans many characters at a time; most messages hold a comma early on
            return cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0;
        }
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Appends one cell of a comma-separated row, quoted only when it holds a comma, a quote or a line break
     * (quotes doubled): RFC 4180, and byte for byte what opencsv's CSVWriter writes without quote-all.
     */
    public static void append(StringBuilder row, String cell) {
        boolean quote = needsQuotes(cell);
        if (!quote) {
            row.append(cell);
            return;
        }
        // copied in runs between quotes rather than char by char: most messages hold a comma, so this is hot
        row.append('"');
        int from = 0;
        for (int q = cell.indexOf('"'); q >= 0; q = cell.indexOf('"', from)) {
            row.append(cell, from, q + 1).append('"');
            from = q + 1;
        }
        row.append(cell, from, cell.length()).append('"');
    }
}
