package org.claimscrub.reference;

/** CMS PFS bilateral surgery indicator: whether modifier 50 changes payment. */
public enum BilateralIndicator {
    NO_ADJUSTMENT("0", "no bilateral payment adjustment: modifier 50 does not apply"),
    BILATERAL_150("1", "150% payment adjustment for bilateral procedures"),
    ALREADY_BILATERAL("2", "the code already describes a bilateral procedure"),
    EACH_SIDE("3", "each side paid as a separate procedure"),
    NOT_APPLICABLE("9", "bilateral concept does not apply");

    private final String code;
    private final String meaning;

    BilateralIndicator(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static BilateralIndicator of(String code) {
        return Indicators.lookup(values(), code, BilateralIndicator::code, "bilateral surgery indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** "its bilateral surgery indicator is 0 (...)", for messages. */
    public String explain() {
        return "its bilateral surgery indicator is " + code + " (" + meaning + ")";
    }
}
