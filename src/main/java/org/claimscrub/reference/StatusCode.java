package org.claimscrub.reference;

/** CMS PFS status code: how (and whether) Medicare pays a code under the fee schedule. */
public enum StatusCode {
    ACTIVE("A", "active code, paid under the fee schedule"),
    BUNDLED("B", "payment bundled into other services"),
    CARRIER_PRICED("C", "priced by the Medicare contractor, no national RVUs"),
    DELETED("D", "deleted code"),
    EXCLUDED_BY_REGULATION("E", "excluded from the fee schedule by regulation"),
    DELETED_MODIFIER("F", "deleted or discontinued code, no grace period"),
    NOT_VALID_GRACE("G", "not valid for Medicare, another code applies (grace period)"),
    DELETED_MODIFIER_COMBINATION("H", "deleted modifier for this code"),
    NOT_VALID("I", "not valid for Medicare"),
    ANESTHESIA("J", "anesthesia service"),
    MEASUREMENT("M", "measurement code, reporting only"),
    NON_COVERED("N", "non-covered service"),
    BUNDLED_OR_EXCLUDED("P", "bundled or excluded"),
    RESTRICTED("R", "restricted coverage"),
    INJECTIONS("T", "paid only when no other service is billed the same day"),
    STATUTORY_EXCLUSION("X", "statutory exclusion");

    private final String code;
    private final String meaning;

    StatusCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static StatusCode of(String code) {
        return Indicators.lookup(values(), code, StatusCode::code, "status code");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
