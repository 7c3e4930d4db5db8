package org.claimscrub.reference.cms;

/** The NCCI add-on code edit types [CMS: NCCI add-on code edits page]. */
public enum AddOnEditType {
    /** Only the listed primaries: the add-on is never paid without one of them. */
    LISTED_PRIMARIES_ONLY('1'),
    /** No list: the contractor decides which primaries are acceptable (primary code CCCCC in the file). */
    CONTRACTOR_DEFINED('2'),
    /** Some primaries listed; the contractor may accept others too. */
    LISTED_AND_CONTRACTOR_DEFINED('3');

    private final char digit;

    AddOnEditType(char digit) {
        this.digit = digit;
    }

    static AddOnEditType of(String text) {
        for (AddOnEditType type : values()) {
            if (text.length() == 1 && text.charAt(0) == type.digit) {
                return type;
            }
        }
        return null;
    }
}
