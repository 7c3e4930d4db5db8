package org.claimscrub.reference;

/** CMS PFS team surgery indicator: whether modifier 66 is permitted. */
public enum TeamIndicator {
    NOT_PERMITTED("0", "team surgeons not permitted"),
    DOCUMENTATION_REQUIRED("1", "team surgeons paid with supporting documentation"),
    PERMITTED("2", "team surgeons permitted, priced by the contractor"),
    NOT_APPLICABLE("9", "team concept does not apply");

    private final String code;
    private final String meaning;

    TeamIndicator(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static TeamIndicator of(String code) {
        return Indicators.lookup(values(), code, TeamIndicator::code, "team surgery indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** "its team surgery indicator is 0 (...)", for messages. */
    public String explain() {
        return "its team surgery indicator is " + code + " (" + meaning + ")";
    }
}
