package org.claimscrub.reference.cms;

import java.util.List;

/**
 * What the NCCI add-on code edits in force on a date of service say about one add-on code.
 *
 * @param type      type 1 when every row in force is type 1; else type 3 when primaries are listed, else type 2
 * @param primaries the listed primaries in force, sorted
 * @param table     the file it came from, named in findings
 */
public record AddOnEdit(String addOn, AddOnEditType type, List<String> primaries, String table) {

    public AddOnEdit {
        primaries = List.copyOf(primaries);
    }

    public boolean isPrimary(String code) {
        return primaries.contains(code);
    }

    /** "88342, 88341 or 88344", for messages. */
    public String primaryList() {
        if (primaries.size() <= 1) {
            return String.join("", primaries);
        }
        return String.join(", ", primaries.subList(0, primaries.size() - 1)) + " or "
                + primaries.get(primaries.size() - 1);
    }
}
