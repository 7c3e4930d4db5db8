package org.claimscrub.reader;

import org.claimscrub.model.ClaimType;
import org.claimscrub.model.CodeForm;
import org.claimscrub.model.Modifiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and checking of claim line cells, shared by every input format. Each method names the field in
 * the exception it throws, so a reject says exactly what is wrong; a reason describes the value's shape
 * ({@link CellShape}) and never quotes it, since a header swap can put a patient id in any column.
 */
final class Fields {
    private static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");
    private static final Pattern MODIFIER_SEPARATORS = Pattern.compile("[\\s,:|]+");
    private static final Pattern NPI = Pattern.compile("[0-9]{10}");
    private static final Pattern TYPE_OF_BILL = Pattern.compile("0?[0-9]{3}");
    private static final Pattern PLACE_OF_SERVICE = Pattern.compile("[0-9]{1,2}");
    private static final Pattern ISO_SHAPE = Pattern.compile("([0-9]{4})-[0-9]{2}-[0-9]{2}");
    private static final Pattern US_SHAPE = Pattern.compile("[0-9]{1,2}/[0-9]{1,2}/([0-9]{4})");
    /** Years a date of service may have: anything else is a typo (or a spreadsheet formula), not a service date. */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2099;
    private static final Pattern REVENUE_CODE = Pattern.compile("0?[0-9]{3}");
    private static final Pattern DIAGNOSIS = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.?[0-9A-Z]{1,4})?");
    private static final Pattern DIAGNOSIS_SEPARATORS = Pattern.compile("[\\s,;|]+");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    static final int MAX_UNITS = 99_999;

    private Fields() {
    }

    static String required(String field, String value) throws FieldException {
        if (value.isEmpty()) {
            throw new FieldException(field, "required value is missing");
        }
        return value;
    }

    static int lineNumber(String field, String value) throws FieldException {
        try {
            int n = Integer.parseInt(required(field, value));
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value's shape
        }
        throw new FieldException(field, CellShape.of(value) + ", not a positive whole number");
    }

    static LocalDate date(String field, String value) throws FieldException {
        required(field, value);
        boolean us = value.contains("/");
        Matcher shape = (us ? US_SHAPE : ISO_SHAPE).matcher(value);
        if (!shape.matches()) {
            throw new FieldException(field, CellShape.of(value) + ", not a date in yyyy-MM-dd or MM/dd/yyyy form"
                    + " with a 4-digit year");
        }
        int year = Integer.parseInt(shape.group(1));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new FieldException(field, "a year outside " + FIRST_YEAR + "-" + LAST_YEAR
                    + ": not a possible date of service");
        }
        try {
            return LocalDate.parse(value, us ? US : ISO);
        } catch (DateTimeParseException e) {
            throw new FieldException(field, "a date that does not exist (such as February 30 or month 13)");
        }
    }

    static String procedureCode(String field, String value) throws FieldException {
        String code = required(field, value).toUpperCase(Locale.ROOT);
        if (!CodeForm.isCode(code)) {
            throw new FieldException(field, CellShape.of(value) + ", not a CPT or HCPCS code: expected "
                    + CodeForm.expectedForms());
        }
        return code;
    }

    static Modifiers modifiers(String field, String value) throws FieldException {
        if (value.isEmpty()) {
            return Modifiers.NONE;
        }
        String[] parts = MODIFIER_SEPARATORS.split(value.toUpperCase(Locale.ROOT));
        List<String> modifiers = new ArrayList<>(parts.length);
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (!MODIFIER.matcher(part).matches()) {
                throw new FieldException(field, "a modifier of " + CellShape.of(part)
                        + ", not 2 letters or digits");
            }
            modifiers.add(part);
        }
        if (modifiers.size() > Modifiers.MAX) {
            throw new FieldException(field, modifiers.size() + " modifiers given; a line takes at most "
                    + Modifiers.MAX);
        }
        return new Modifiers(modifiers);
    }

    static int units(String field, String value) throws FieldException {
        required(field, value);
        try {
            BigDecimal units = new BigDecimal(value);
            if (units.signum() > 0 && units.stripTrailingZeros().scale() <= 0
                    && units.compareTo(BigDecimal.valueOf(MAX_UNITS)) <= 0) {
                return units.intValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below with the value's shape
        }
        throw new FieldException(field, CellShape.of(value) + ", not a positive whole number of units (1 to "
                + MAX_UNITS + ")");
    }

    static String npi(String field, String value) throws FieldException {
        if (value.isEmpty()) {
            return value;
        }
        if (!NPI.matcher(value).matches()) {
            throw new FieldException(field, CellShape.of(value) + ", not a 10-digit NPI");
        }
        if (!hasValidNpiCheckDigit(value)) {
            throw new FieldException(field, "NPI fails its check digit (mistyped?)");
        }
        return value;
    }

    /** Luhn over the card-issuer prefix 80840 and the first nine digits, as CMS defines the NPI check digit. */
    static boolean hasValidNpiCheckDigit(String npi) {
        int sum = 24; // the doubled-and-summed digits of the prefix 80840
        for (int i = 8; i >= 0; i--) {
            int digit = npi.charAt(i) - '0';
            if ((8 - i) % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        int check = (10 - sum % 10) % 10;
        return check == npi.charAt(9) - '0';
    }

    static ClaimType claimType(String field, String value) throws FieldException {
        if (value.isEmpty()) {
            return ClaimType.PROFESSIONAL;
        }
        try {
            return ClaimType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, CellShape.of(value) + ", not professional or institutional");
        }
    }

    /** Type of bill as four digits with the leading zero (0131), as institutional edits compare it. */
    static String typeOfBill(String field, String value) throws FieldException {
        return padded(field, value, TYPE_OF_BILL, 4, "a 3- or 4-digit type of bill (e.g. 0131)");
    }

    static String revenueCode(String field, String value) throws FieldException {
        return padded(field, value, REVENUE_CODE, 4, "a 3- or 4-digit revenue code (e.g. 0310)");
    }

    private static String padded(String field, String value, Pattern pattern, int width, String expected)
            throws FieldException {
        if (value.isEmpty()) {
            return value;
        }
        if (!pattern.matcher(value).matches()) {
            throw new FieldException(field, CellShape.of(value) + ", not " + expected);
        }
        return value.length() < width ? "0".repeat(width - value.length()) + value : value;
    }

    /** Place of service as two digits: a spreadsheet drops the zero of 02, as it does of a type of bill's 0131. */
    static String placeOfService(String field, String value) throws FieldException {
        return padded(field, value, PLACE_OF_SERVICE, 2, "a 2-digit place of service code (e.g. 11)");
    }

    static BigDecimal charge(String field, String value) throws FieldException {
        if (value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal charge = new BigDecimal(value.replace("$", "").replace(",", ""));
            if (charge.signum() >= 0) {
                return charge;
            }
        } catch (NumberFormatException e) {
            // reported below with the value's shape
        }
        throw new FieldException(field, CellShape.of(value) + ", not an amount (e.g. 125.00)");
    }

    static List<String> diagnosisCodes(String field, String value) throws FieldException {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        for (String part : DIAGNOSIS_SEPARATORS.split(value.toUpperCase(Locale.ROOT))) {
            if (part.isEmpty()) {
                continue;
            }
            if (!DIAGNOSIS.matcher(part).matches()) {
                throw new FieldException(field, "a code of " + CellShape.of(part)
                        + ", not an ICD-10-CM code (e.g. C50.911)");
            }
            codes.add(part);
        }
        return List.copyOf(codes);
    }
}
