package org.claimscrub.report;

import java.time.LocalDate;

/**
 * How a CSV report writes its text cells: every text cell of every claimscrub CSV (findings, notices, claims,
 * rejects, reference files), dates included, goes through {@link #cell}, so the spreadsheet formula guard is
 * one switch for the whole writer, never a per-column choice. Number cells are written as digits.
 */
public final class CsvText {
    private final boolean guard;

    /** @param neutraliseFormulas guard cells against spreadsheet formula injection (off for machine readers) */
    public CsvText(boolean neutraliseFormulas) {
        this.guard = neutraliseFormulas;
    }

    /** Appends one text cell, guarded when the guard is on and quoted where needed. */
    public StringBuilder cell(StringBuilder row, String text) {
        CsvCells.append(row, guard ? CsvCells.neutralise(text) : text == null ? "" : text);
        return row;
    }

    /**
     * Appends a date cell as ISO text ({@link LocalDate#toString}), written digit by digit for the four-digit
     * years every input has: a row has one or two, and the string would be garbage at once.
     */
    public StringBuilder cell(StringBuilder row, LocalDate date) {
        if (date == null || date.getYear() < 1000 || date.getYear() > 9999) {
            return cell(row, (Object) date);
        }
        row.append(date.getYear()).append('-');
        twoDigits(row, date.getMonthValue()).append('-');
        return twoDigits(row, date.getDayOfMonth());
    }

    private static StringBuilder twoDigits(StringBuilder row, int n) {
        return row.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /** Appends one text cell of any value (a date, an enum), by its text. */
    public StringBuilder cell(StringBuilder row, Object value) {
        return cell(row, value == null ? "" : value.toString());
    }

    /** The cells of one row for an opencsv writer, each as {@link #cell} would write it before quoting. */
    public String[] cells(String... texts) {
        String[] out = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            out[i] = guard ? CsvCells.neutralise(texts[i]) : texts[i] == null ? "" : texts[i];
        }
        return out;
    }
}
