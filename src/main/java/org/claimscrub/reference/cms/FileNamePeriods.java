package org.claimscrub.reference.cms;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first date of service a CMS table is in force, read from the name CMS gives the file. Null when the name
 * carries none; the user then adds {@code @YYYY-MM-DD}.
 */
final class FileNamePeriods {
    /** MCR_MUE_PractitionerServices_Eff_01-01-2025.csv */
    private static final Pattern MUE = Pattern.compile("_Eff_(\\d{2})-(\\d{2})-(\\d{4})", Pattern.CASE_INSENSITIVE);
    /** ccipra-v311r0-f1.txt: version 31.1 revision 0 */
    private static final Pattern PTP = Pattern.compile("(ccipra|ccioph)-v(\\d{2})(\\d)r(\\d+)",
            Pattern.CASE_INSENSITIVE);
    /** PPRRVU25_JAN.csv, PPRRVU24_JUL.csv, PPRRVU2025_Oct.csv, PPRRVU2026_Jan_nonQPP.csv */
    private static final Pattern PFS = Pattern.compile("PPRRVU(\\d{4}|\\d{2})_?(JAN|APR|JUL|OCT|A|B|C|D)",
            Pattern.CASE_INSENSITIVE);
    /** The QPP / non-QPP suffix of the PFS files since CY2026: PPRRVU2026_Jan_QPP.csv, PPRRVU2026_Jul_nonQPP.csv */
    private static final Pattern PFS_VARIANT = Pattern.compile("[_ -](NON[_ -]?)?QPP", Pattern.CASE_INSENSITIVE);
    /** a year and quarter, e.g. AOC_V2025Q4.txt */
    private static final Pattern QUARTER = Pattern.compile("(20\\d{2})[-_ ]?Q([1-4])", Pattern.CASE_INSENSITIVE);
    /** NCCI version NN.0 took effect on 1 January of 1994 + NN (29.0 = 2023, 31.0 = 2025). */
    private static final int NCCI_VERSION_YEAR_OFFSET = 1994;

    private FileNamePeriods() {
    }

    static LocalDate mue(String name) {
        Matcher m = MUE.matcher(name);
        if (!m.find()) {
            return null;
        }
        return date(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The PTP file's version, or null when the name is not a CMS PTP name. */
    static PtpVersion ptp(String name) {
        Matcher m = PTP.matcher(name);
        if (!m.find()) {
            return null;
        }
        CmsSetting setting = m.group(1).equalsIgnoreCase("ccipra") ? CmsSetting.PRACTITIONER
                : CmsSetting.OUTPATIENT_HOSPITAL;
        int major = Integer.parseInt(m.group(2));
        int quarter = Integer.parseInt(m.group(3));
        LocalDate from = quarter <= 3 ? date(NCCI_VERSION_YEAR_OFFSET + major, quarter * 3 + 1, 1) : null;
        return new PtpVersion(setting, m.group(2) + "." + m.group(3), Integer.parseInt(m.group(4)), from);
    }

    /** @param from null when the quarter digit is not 0-3 */
    record PtpVersion(CmsSetting setting, String version, int revision, LocalDate from) {
    }

    static LocalDate pfs(String name) {
        Matcher m = PFS.matcher(name);
        if (!m.find()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        year = year < 100 ? 2000 + year : year;
        int month = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "JAN", "A" -> 1;
            case "APR", "B" -> 4;
            case "JUL", "C" -> 7;
            default -> 10;
        };
        return date(year, month, 1);
    }

    /** Which of the two CY2026+ PFS files the name says it is, or null when it says neither. */
    static PfsVariant pfsVariant(String name) {
        Matcher m = PFS_VARIANT.matcher(name);
        if (!m.find()) {
            return null;
        }
        return m.group(1) == null ? PfsVariant.QPP : PfsVariant.NON_QPP;
    }

    /**
     * CMS publishes two PFS files a period since CY2026, for qualifying APM participants (QPP) and everyone else
     * (non-QPP); they differ in payment amounts, not in the indicators the edits read.
     */
    enum PfsVariant {
        QPP, NON_QPP
    }

    static LocalDate quarter(String name) {
        Matcher m = QUARTER.matcher(name);
        if (!m.find()) {
            return null;
        }
        return date(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
