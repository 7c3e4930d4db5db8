package org.claimscrub.reference;

/** CMS OPPS payment status indicator (Addendum B): whether a hospital outpatient line gets its own payment. */
public enum OppsStatusIndicator {
    PACKAGED("N", "packaged: paid as part of other services", true),
    CONDITIONALLY_PACKAGED_STV("Q1", "conditionally packaged with S, T or V procedures", true),
    CONDITIONALLY_PACKAGED_T("Q2", "conditionally packaged with T procedures", true),
    CONDITIONALLY_PACKAGED_COMPOSITE("Q3", "paid through a composite APC when criteria are met", true),
    CONDITIONALLY_PACKAGED_LAB("Q4", "conditionally packaged laboratory test", true),
    SIGNIFICANT_PROCEDURE("S", "significant procedure, paid separately", false),
    MULTIPLE_PROCEDURE_REDUCTION("T", "procedure paid with the multiple-procedure reduction", false),
    VISIT("V", "clinic or emergency visit", false),
    ANCILLARY("S1", "paid separately, not discounted", false),
    OTHER_FEE_SCHEDULE("A", "paid under another fee schedule", false),
    NOT_RECOGNIZED("B", "not recognized under OPPS on an outpatient bill", false),
    INPATIENT_ONLY("C", "inpatient-only procedure", false),
    NOT_PAYABLE("E1", "not paid by Medicare when billed on an outpatient bill", false),
    NOT_PAYABLE_HCPCS("E2", "not payable, no separate payment", false),
    NEW_TECHNOLOGY("S2", "new technology service", false),
    NON_OPPS("M", "not billable to the Medicare contractor", false),
    APC("J1", "comprehensive APC: other services packaged into it", false),
    CLINICAL_LAB("X", "ancillary service paid separately", false);

    private final String code;
    private final String meaning;
    private final boolean packaged;

    OppsStatusIndicator(String code, String meaning, boolean packaged) {
        this.code = code;
        this.meaning = meaning;
        this.packaged = packaged;
    }

    public static OppsStatusIndicator of(String code) {
        return Indicators.lookup(values(), code, OppsStatusIndicator::code, "OPPS status indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public boolean isPackaged() {
        return packaged;
    }
}
