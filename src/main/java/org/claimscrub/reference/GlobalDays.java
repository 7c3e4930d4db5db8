package org.claimscrub.reference;

/** CMS PFS global surgery period. ZZZ marks an add-on code, which is why modifier 51 never applies to it. */
public enum GlobalDays {
    DAYS_0("000", "0-day postoperative period"),
    DAYS_10("010", "10-day postoperative period"),
    DAYS_90("090", "90-day postoperative period"),
    MATERNITY("MMM", "maternity code"),
    NOT_APPLICABLE("XXX", "global concept does not apply"),
    CARRIER_DETERMINED("YYY", "global period set by the contractor"),
    ADD_ON("ZZZ", "add-on code, inside the global period of its primary");

    private final String code;
    private final String meaning;

    GlobalDays(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static GlobalDays of(String code) {
        return Indicators.lookup(values(), code, GlobalDays::code, "global days value");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
