package org.claimscrub.reference.cms;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One NCCI add-on code edit file: its rows by add-on code. */
final class AddOnTable {

    /** One row: an add-on, one primary (or {@code CCCCC}), the edit type and the dates it applies, inclusive. */
    record Row(String addOn, String primary, AddOnEditType type, LocalDate effective, LocalDate deletion) {

        boolean inForce(LocalDate dateOfService) {
            return !dateOfService.isBefore(effective) && (deletion == null || !dateOfService.isAfter(deletion));
        }
    }

    static final String CONTRACTOR_DEFINED = "CCCCC";

    private final String table;
    private final Map<String, List<Row>> byAddOn;

    AddOnTable(String table, Map<String, List<Row>> byAddOn) {
        this.table = table;
        this.byAddOn = Map.copyOf(byAddOn);
    }

    /** The edit in force for the code on that date, or null when the code is not an add-on of the table then. */
    AddOnEdit edit(String code, LocalDate dateOfService) {
        List<Row> rows = byAddOn.get(code);
        if (rows == null) {
            return null;
        }
        TreeSet<String> primaries = new TreeSet<>();
        boolean onlyType1 = true;
        boolean any = false;
        for (Row row : rows) {
            if (!row.inForce(dateOfService)) {
                continue;
            }
            any = true;
            onlyType1 &= row.type() == AddOnEditType.LISTED_PRIMARIES_ONLY;
            if (!row.primary().equals(CONTRACTOR_DEFINED)) {
                primaries.add(row.primary());
            }
        }
        if (!any) {
            return null;
        }
        AddOnEditType type = onlyType1 && !primaries.isEmpty() ? AddOnEditType.LISTED_PRIMARIES_ONLY
                : primaries.isEmpty() ? AddOnEditType.CONTRACTOR_DEFINED : AddOnEditType.LISTED_AND_CONTRACTOR_DEFINED;
        return new AddOnEdit(code, type, List.copyOf(primaries), table);
    }
}
