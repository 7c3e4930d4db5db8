package org.claimscrub.reference;

/** CMS PFS PC/TC indicator: which of modifiers 26 (professional) and TC (technical) a code may carry. */
public enum PcTcIndicator {
    PHYSICIAN_SERVICE("0", "physician service: no professional/technical split", false, false),
    DIAGNOSTIC_TEST("1", "diagnostic test with professional and technical components", true, true),
    PROFESSIONAL_ONLY("2", "professional component only code", false, false),
    TECHNICAL_ONLY("3", "technical component only code", false, false),
    GLOBAL_TEST_ONLY("4", "global test only code", false, false),
    INCIDENT_TO("5", "incident-to code", false, false),
    LAB_PHYSICIAN_INTERPRETATION("6", "laboratory physician interpretation code", true, false),
    PHYSICAL_THERAPY("7", "physical therapy service", false, false),
    PHYSICIAN_INTERPRETATION("8", "physician interpretation code", true, false),
    NOT_APPLICABLE("9", "PC/TC concept does not apply", false, false);

    private final String code;
    private final String meaning;
    private final boolean allows26;
    private final boolean allowsTc;

    PcTcIndicator(String code, String meaning, boolean allows26, boolean allowsTc) {
        this.code = code;
        this.meaning = meaning;
        this.allows26 = allows26;
        this.allowsTc = allowsTc;
    }

    public static PcTcIndicator of(String code) {
        return Indicators.lookup(values(), code, PcTcIndicator::code, "PC/TC indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public boolean allows26() {
        return allows26;
    }

    public boolean allowsTc() {
        return allowsTc;
    }

    /** "its PC/TC indicator is 3 (technical component only code)" */
    public String explain() {
        return "its PC/TC indicator is " + code + " (" + meaning + ")";
    }
}
