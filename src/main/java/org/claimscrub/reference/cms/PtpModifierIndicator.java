package org.claimscrub.reference.cms;

/** The PTP modifier indicator: whether an NCCI-associated modifier may bypass the edit [CMS]. */
public enum PtpModifierIndicator {
    NOT_ALLOWED('0', "no modifier bypasses this edit"),
    ALLOWED('1', "an NCCI-associated modifier bypasses this edit when the services were distinct"),
    NOT_APPLICABLE('9', "the edit is not applied");

    private final char digit;
    private final String meaning;

    PtpModifierIndicator(char digit, String meaning) {
        this.digit = digit;
        this.meaning = meaning;
    }

    /** By its file digit; null for anything else. */
    static PtpModifierIndicator of(char digit) {
        for (PtpModifierIndicator mi : values()) {
            if (mi.digit == digit) {
                return mi;
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

    /** Stricter first: when rows overlap, the strictest in force wins. */
    int strictness() {
        return switch (this) {
            case NOT_ALLOWED -> 2;
            case ALLOWED -> 1;
            case NOT_APPLICABLE -> 0;
        };
    }
}
