package org.claimscrub.reference.cms;

/** The MUE adjudication indicator (MAI): how CMS counts the units held to a code's MUE [CMS]. */
public enum MueAdjudication {
    LINE('1', "line edit: units are counted per claim line; a line whose modifier marks a distinct service (59,"
            + " XE, XS, XP, XU, 76, 77, 91, anatomic) is held to the MUE on its own"),
    POLICY('2', "date of service edit, policy: units are summed over the date of service and the limit is"
            + " absolute, no appeal"),
    CLINICAL('3', "date of service edit, clinical: units are summed over the date of service; units over the MUE"
            + " can be paid on appeal with medical records that support them");

    private final char digit;
    private final String meaning;

    MueAdjudication(char digit, String meaning) {
        this.digit = digit;
        this.meaning = meaning;
    }

    /** The MAI of a cell such as "2 Date of Service Edit: Policy": its first digit; null when it has none. */
    static MueAdjudication of(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (Character.isDigit(c)) {
                for (MueAdjudication mai : values()) {
                    if (mai.digit == c) {
                        return mai;
                    }
                }
                return null;
            }
        }
        return null;
    }

    public String code() {
        return String.valueOf(digit);
    }

    public String meaning() {
        return meaning;
    }

    public boolean isPerDateOfService() {
        return this != LINE;
    }
}
