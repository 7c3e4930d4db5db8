package org.claimscrub.reader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where each field sits in one file's rows, from its header: the canonical names, the names spreadsheet and
 * billing-system exports use ({@code CPT}, {@code DOS}, {@code Claim #}...), separate modifier columns
 * ({@code modifier_1}..{@code modifier_4}, {@code Mod 2}), and the user's {@code --column} mappings, which win.
 * Names compare on their letters, digits and '#' only, case-insensitively, so {@code Date of Service},
 * {@code date-of-service} and {@code DATE_OF_SERVICE} are one name.
 */
final class CsvColumns {
    static final int MODIFIER_COLUMNS = 4;
    private static final Pattern MODIFIER_COLUMN = Pattern.compile("(?:modifier|mod)([0-9]+)");
    /** An unused column whose name holds one of these looks like a modifier or code column and gets a warning. */
    private static final List<String> CODE_LIKE = List.of("mod", "cpt", "hcpcs", "code", "proc");
    private static final int MAX_NAME_SHOWN = 40;

    /** The fields claimscrub reads, with the header names it knows them by (canonical name first). */
    enum Column {
        CLAIM_ID(true, "claim_id", "claim", "claim_number", "claim_no", "claim_num", "claim #"),
        LINE_NUMBER(true, "line_number", "line", "line_no", "line_num", "line #", "line_item", "service_line"),
        DATE_OF_SERVICE(true, "date_of_service", "dos", "service_date", "date_of_service_from", "dos_from",
                "from_date", "service_from_date"),
        PROCEDURE_CODE(true, "procedure_code", "cpt", "hcpcs", "cpt/hcpcs", "hcpcs/cpt", "cpt_code", "hcpcs_code",
                "cpt/hcpcs_code", "proc_code", "procedure"),
        UNITS(true, "units", "unit", "qty", "quantity", "service_units", "units_billed"),
        MODIFIERS(false, "modifiers", "modifier", "mods"),
        PATIENT_ID(false, "patient_id", "member_id", "subscriber_id", "patient_number", "mrn"),
        BILLING_NPI(false, "billing_npi", "billing_provider_npi"),
        RENDERING_NPI(false, "rendering_npi", "rendering_provider_npi"),
        CLAIM_TYPE(false, "claim_type"),
        TYPE_OF_BILL(false, "type_of_bill", "tob", "bill_type"),
        PLACE_OF_SERVICE(false, "place_of_service", "pos"),
        CHARGE(false, "charge", "charges", "charge_amount", "billed_amount", "billed_charge", "line_charge"),
        DIAGNOSIS_CODES(false, "diagnosis_codes", "dx", "dx_codes", "diagnosis", "diagnoses", "icd10_codes"),
        REVENUE_CODE(false, "revenue_code", "rev_code", "revenue"),
        /** Who the claim is billed to; payer overrides (rules/overrides.csv) match on it. */
        PAYER_ID(false, "payer_id", "payer", "payor_id");

        final String header;
        final boolean required;
        final List<String> names;

        Column(boolean required, String... names) {
            this.header = names[0];
            this.required = required;
            this.names = List.of(names);
        }
    }

    private final int[] index;
    private final int[] modifierIndex;
    private final int width;
    private final List<String> warnings;

    private CsvColumns(int[] index, int[] modifierIndex, int width, List<String> warnings) {
        this.index = index;
        this.modifierIndex = modifierIndex;
        this.width = width;
        this.warnings = warnings;
    }

    /** Every field name a {@code --column} mapping may give. */
    static List<String> fieldNames() {
        return Stream.concat(Arrays.stream(Column.values()).map(c -> c.header),
                Stream.iterate(1, n -> n <= MODIFIER_COLUMNS, n -> n + 1).map(CsvColumns::modifierField)).toList();
    }

    private static String modifierField(int n) {
        return "modifier_" + n;
    }

    /**
     * Maps one file's header.
     *
     * @throws InputException a required field has no column, two columns name one field, or a mapped header
     *                        appears twice
     */
    static CsvColumns of(String file, String[] header, Map<String, String> mapping) throws InputException {
        String where = file + " line 1: ";
        String[] keys = Arrays.stream(header).map(CsvColumns::key).toArray(String[]::new);
        // a field's slot: Column ordinals first, then modifier_1..4
        int slots = Column.values().length + MODIFIER_COLUMNS;
        int[] slot = new int[slots];
        Arrays.fill(slot, -1);
        boolean[] byUser = new boolean[slots];
        boolean[] used = new boolean[header.length];
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            int s = slotOf(m.getKey());
            int found = -1;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key(m.getValue()))) {
                    if (found >= 0) {
                        throw new InputException(where + "--column " + m.getKey() + "=" + m.getValue()
                                + " matches columns " + (found + 1) + " and " + (i + 1));
                    }
                    found = i;
                }
            }
            if (found < 0) {
                warnings.add(file + ": --column " + m.getKey() + "=" + shown(m.getValue()) + ": no such column in"
                        + " this file; the usual names apply to " + m.getKey());
                continue;
            }
            if (used[found]) {
                throw new InputException(where + "column " + (found + 1) + " is mapped to two fields by --column");
            }
            slot[s] = found;
            byUser[s] = true;
            used[found] = true;
        }
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                continue;
            }
            int s = slotOfHeader(keys[i]);
            if (s < 0 || byUser[s]) {
                continue;
            }
            if (slot[s] >= 0) {
                throw new InputException(where + "columns '" + shown(header[slot[s]]) + "' (column " + (slot[s] + 1)
                        + ") and '" + shown(header[i]) + "' (column " + (i + 1) + ") both name field "
                        + slotName(s) + "; remove one, or say which to read with --column " + slotName(s)
                        + "=HEADER");
            }
            slot[s] = i;
            used[i] = true;
        }
        boolean anyKnown = false;
        for (boolean u : used) {
            anyKnown |= u;
        }
        List<String> missing = Arrays.stream(Column.values()).filter(c -> c.required && slot[c.ordinal()] < 0)
                .map(c -> c.header).toList();
        if (!missing.isEmpty()) {
            // with no known name at all the first row may be data (patient ids): its cells are not repeated
            String found = anyKnown ? "; the header row has: " + Arrays.stream(header).map(h -> "'" + shown(h) + "'")
                    .collect(Collectors.joining(", ")) : "; no cell of the first row is a known column name";
            throw new InputException(where + "missing required column(s): " + String.join(", ", missing) + found
                    + " (the first row must be a header row; other names can be mapped with --column FIELD=HEADER,"
                    + " see docs/input-csv.md)");
        }
        for (int i = 0; i < keys.length; i++) {
            if (!used[i] && looksLikeCode(keys[i])) {
                warnings.add(file + ": column " + (i + 1) + " '" + shown(header[i]) + "' looks like a modifier or"
                        + " code column but is not read (map it with --column FIELD=HEADER, or remove it)");
            }
        }
        int[] index = Arrays.copyOf(slot, Column.values().length);
        int[] modifierIndex = Arrays.copyOfRange(slot, Column.values().length, slots);
        return new CsvColumns(index, modifierIndex, header.length, List.copyOf(warnings));
    }

    private static boolean looksLikeCode(String key) {
        return CODE_LIKE.stream().anyMatch(key::contains);
    }

    /** The slot a field name (as --column gives it) fills. */
    private static int slotOf(String field) {
        for (Column column : Column.values()) {
            if (column.header.equals(field)) {
                return column.ordinal();
            }
        }
        return Column.values().length + Integer.parseInt(field.substring("modifier_".length())) - 1;
    }

    /** The slot a header's key names, or -1. */
    private static int slotOfHeader(String key) {
        for (Column column : Column.values()) {
            for (String name : column.names) {
                if (key(name).equals(key)) {
                    return column.ordinal();
                }
            }
        }
        Matcher m = MODIFIER_COLUMN.matcher(key);
        if (m.matches() && m.group(1).length() == 1) {
            int n = m.group(1).charAt(0) - '0';
            if (n >= 1 && n <= MODIFIER_COLUMNS) {
                return Column.values().length + n - 1;
            }
        }
        return -1;
    }

    private static String slotName(int slot) {
        return slot < Column.values().length ? Column.values()[slot].header
                : modifierField(slot - Column.values().length + 1);
    }

    /** A header name as compared: letters, digits and '#', lower case, byte order mark and spacing ignored. */
    static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '#') {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** A header name for a message: printable, and cut short. */
    private static String shown(String name) {
        String printable = name.strip().codePoints().map(c -> Character.isISOControl(c) || c == '\uFEFF' ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > MAX_NAME_SHOWN ? printable.substring(0, MAX_NAME_SHOWN) + "..." : printable;
    }

    int width() {
        return width;
    }

    /** What mapping the header left unsaid and the user should know: unused code-like columns, unmatched mappings. */
    List<String> warnings() {
        return warnings;
    }

    /** The column index of a field, or -1 when the file lacks it. */
    int index(Column column) {
        return index[column.ordinal()];
    }

    /** The column index of the patient id, or -1: the cell a reject's raw text masks. */
    int patientIndex() {
        return index[Column.PATIENT_ID.ordinal()];
    }

    String cell(String[] cells, Column column) {
        return cell(cells, index[column.ordinal()]);
    }

    /** The cell of modifier column n (1 to 4), empty when the file has no such column. */
    String modifierCell(String[] cells, int n) {
        return cell(cells, modifierIndex[n - 1]);
    }

    boolean hasModifierColumn(int n) {
        return modifierIndex[n - 1] >= 0;
    }

    static String modifierFieldName(int n) {
        return modifierField(n);
    }

    private static String cell(String[] cells, int i) {
        return i >= 0 && i < cells.length ? cells[i].strip() : "";
    }
}
