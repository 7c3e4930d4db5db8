package org.claimscrub.model;

/** How serious a finding is, most serious first, so the natural order sorts a report worst first. */
public enum Severity {
    /** The line will be denied or paid wrongly as billed: fix before submission. */
    ERROR,
    /** Likely wrong or needs documentation: review before submission. */
    WARNING,
    /** Information the analyst should know; nothing to fix on the claim. */
    NOTICE;

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }
}
