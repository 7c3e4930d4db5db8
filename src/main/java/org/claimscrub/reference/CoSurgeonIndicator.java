package org.claimscrub.reference;

/** CMS PFS co-surgeon indicator: whether modifier 62 is permitted. */
public enum CoSurgeonIndicator {
    NOT_PERMITTED("0", "co-surgeons not permitted"),
    DOCUMENTATION_REQUIRED("1", "co-surgeons paid with supporting documentation"),
    PERMITTED("2", "co-surgeons permitted"),
    NOT_APPLICABLE("9", "co-surgeon concept does not apply");

    private final String code;
    private final String meaning;

    CoSurgeonIndicator(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static CoSurgeonIndicator of(String code) {
        return Indicators.lookup(values(), code, CoSurgeonIndicator::code, "co-surgeon indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** "its co-surgeon indicator is 0 (...)", for messages. */
    public String explain() {
        return "its co-surgeon indicator is " + code + " (" + meaning + ")";
    }
}
