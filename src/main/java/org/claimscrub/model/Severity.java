package org.claimscrub.model;

/** How serious a finding is, most serious first, so the natural order sorts a report worst first. */
public enum Severity {
    /** The line will be denied or paid wrongly as billed: fix before submission. */
    ERROR("The line will be denied or paid wrongly as billed: fix it before submission. In findings.csv; the"
            + " claim's disposition is fix."),
    /** Likely wrong or needs a decision: review before submission. */
    WARNING("Likely wrong, or needs a decision or documentation: review it before submission. In findings.csv;"
            + " the claim's disposition is review unless it also has errors."),
    /** Information or documentation to attach; does not block submission. */
    NOTICE("Information, or documentation to attach or keep on file; does not block submission. In notices.csv,"
            + " one row per claim and edit; a claim with only notices is ready.");

    private final String meaning;

    Severity(String meaning) {
        this.meaning = meaning;
    }

    /** What the severity asks of the analyst, as the edit catalog and the report documents say it. */
    public String meaning() {
        return meaning;
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }
}
