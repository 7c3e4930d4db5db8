package org.claimscrub.reference;

/** CMS PFS multiple procedure indicator: which payment reduction, if any, modifier 51 triggers. */
public enum MultipleProcedureIndicator {
    NO_REDUCTION("0", "no multiple-procedure reduction"),
    STANDARD_PRE_1995("1", "standard reduction (before 1995 rules)"),
    STANDARD("2", "standard reduction"),
    ENDOSCOPY("3", "special endoscopy rules"),
    IMAGING("4", "diagnostic imaging reduction"),
    THERAPY("5", "therapy services reduction"),
    OPHTHALMOLOGY("6", "diagnostic ophthalmology reduction"),
    CARDIOVASCULAR("7", "diagnostic cardiovascular reduction"),
    NOT_APPLICABLE("9", "concept does not apply");

    private final String code;
    private final String meaning;

    MultipleProcedureIndicator(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static MultipleProcedureIndicator of(String code) {
        return Indicators.lookup(values(), code, MultipleProcedureIndicator::code, "multiple procedure indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** "its multiple procedure indicator is 0 (...)", for messages. */
    public String explain() {
        return "its multiple procedure indicator is " + code + " (" + meaning + ")";
    }
}
