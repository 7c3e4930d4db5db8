package org.claimscrub.report;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Dollars of a set of scrubbed lines: how many lines and what they bill, and of those the lines with an error
 * finding (at risk: denied or paid wrongly as billed unless fixed). Lines without a charge count as $0.
 */
public record Amounts(long lines, BigDecimal billed, long linesAtRisk, BigDecimal atRisk) {
    public static final Amounts NONE = new Amounts(0, BigDecimal.ZERO, 0, BigDecimal.ZERO);

    public Amounts plus(Amounts o) {
        return new Amounts(lines + o.lines, billed.add(o.billed), linesAtRisk + o.linesAtRisk, atRisk.add(o.atRisk));
    }

    /** "$2,345.00": for people (summaries and the page); the CSV and JSON files carry plain amounts. */
    public static String dollars(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("$#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return f.format(amount);
    }
}
