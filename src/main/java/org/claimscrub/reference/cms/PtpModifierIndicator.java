package org.claimscrub.reference.cms;

/** The PTP modifier indicator: whether an NCCI-associated modifier may bypass the edit [CMS]. */
public enum PtpModifierIndicator {
    /** 0: no modifier bypasses the edit. */
    NOT_ALLOWED('0'),
    /** 1: an NCCI-associated modifier on either line bypasses the edit when the services were distinct. */
    ALLOWED('1'),
    /** 9: the edit is not applied. */
    NOT_APPLICABLE('9');

    private final char digit;

    PtpModifierIndicator(char digit) {
        this.digit = digit;
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

    /** Stricter first: when rows overlap, the strictest in force wins. */
    int strictness() {
        return switch (this) {
            case NOT_ALLOWED -> 2;
            case ALLOWED -> 1;
            case NOT_APPLICABLE -> 0;
        };
    }
}
