package org.claimscrub.report;

/**
 * Spreadsheet formula injection guard: a cell starting with =, +, -, @, tab or carriage return is read as a
 * formula by Excel and LibreOffice, so it gets a leading apostrophe, which they show as text.
 */
public final class CsvCells {
    private CsvCells() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + cell : cell;
    }
}
