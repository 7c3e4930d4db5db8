package org.claimscrub.report;

import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;

/**
 * Which findings are rows of findings.csv (what to fix or review) and which go to notices.csv, merged per claim:
 * findings below the minimum severity, and findings an override bypassed (they block nothing). With a minimum
 * of NOTICE every finding is a findings row, one per line, and there is no notices file.
 */
public record FindingsFilter(Severity minSeverity) {
    public static final FindingsFilter DEFAULT = new FindingsFilter(Severity.WARNING);

    public boolean inFindings(Finding f) {
        return minSeverity == Severity.NOTICE || !f.isBypassed() && f.severity().atLeast(minSeverity);
    }

    /** Whether the report has a notices file at all. */
    public boolean writesNotices() {
        return minSeverity != Severity.NOTICE;
    }
}
