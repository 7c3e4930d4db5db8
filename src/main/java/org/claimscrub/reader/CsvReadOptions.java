package org.claimscrub.reader;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read claim CSV files: the bytes' encoding (UTF-8 unless declared), and the user's column names for fields
 * whose header the usual names do not cover ({@code --column procedure_code="Proc Cd"}).
 *
 * @param columns field name (e.g. {@code procedure_code}, {@code modifier_2}) to the header that holds it
 */
public record CsvReadOptions(Charset charset, Map<String, String> columns) {
    public static final CsvReadOptions DEFAULT = new CsvReadOptions(StandardCharsets.UTF_8, Map.of());

    public CsvReadOptions {
        columns = Map.copyOf(columns);
    }

    /**
     * Parses {@code FIELD=HEADER} mappings.
     *
     * @throws IllegalArgumentException with a message for the user: no '=', an unknown field, a field given twice
     */
    public static Map<String, String> parseColumns(List<String> mappings) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String mapping : mappings) {
            int eq = mapping.indexOf('=');
            if (eq <= 0 || eq == mapping.length() - 1) {
                throw new IllegalArgumentException("--column " + mapping + ": expected FIELD=HEADER, e.g."
                        + " procedure_code=\"Proc Cd\"");
            }
            String field = mapping.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!CsvColumns.fieldNames().contains(field)) {
                throw new IllegalArgumentException("--column " + mapping + ": unknown field '" + field
                        + "'; the fields are " + String.join(", ", CsvColumns.fieldNames()));
            }
            if (columns.put(field, mapping.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("--column: field " + field + " is mapped twice");
            }
        }
        return columns;
    }
}
