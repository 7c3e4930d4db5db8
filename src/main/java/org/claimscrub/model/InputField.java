package org.claimscrub.model;

/**
 * The fields of a claim line that no edit reads. A reader that cannot read one of them keeps the line in the
 * scrub with the field empty and names it in {@link ClaimLine#unreadableFields()}, which the input-fields policy
 * edit reports; a cell the edits need, unreadable, rejects the line instead.
 */
public enum InputField {
    RENDERING_NPI("rendering_npi"),
    PLACE_OF_SERVICE("place_of_service"),
    CHARGE("charge"),
    DIAGNOSIS_CODES("diagnosis_codes"),
    REVENUE_CODE("revenue_code");

    private final String column;

    InputField(String column) {
        this.column = column;
    }

    /** The field's canonical CSV column name, as reports name it. */
    public String column() {
        return column;
    }
}
