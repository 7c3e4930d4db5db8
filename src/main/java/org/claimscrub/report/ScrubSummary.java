package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.Severity;

import java.util.Map;

/**
 * The at-a-glance figures of a scrub. A claim counts "with errors" when any of its lines has an error
 * finding or was rejected, "with warnings" when it has warnings but no errors, else "clean" (notices are
 * information, not problems). A rejected line without a readable claim id counts in the lines, not the claims.
 * Findings an override bypassed count only as bypassed.
 */
public record ScrubSummary(
        long linesRead,
        long linesScrubbed,
        long linesRejected,
        int claims,
        int claimsClean,
        int claimsWithWarnings,
        int claimsWithErrors,
        Map<Category, Long> findingsByCategory,
        Map<Severity, Long> findingsBySeverity,
        long findingsBypassed) {

    public long count(Severity severity) {
        return findingsBySeverity.getOrDefault(severity, 0L);
    }

    /** The console summary: counts that reconcile, then findings by category, worst first. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Lines:    %,d read = %,d scrubbed + %,d rejected%n", linesRead, linesScrubbed,
                linesRejected));
        out.append(String.format("Claims:   %,d in all: %,d clean, %,d with warnings, %,d with errors%n", claims,
                claimsClean, claimsWithWarnings, claimsWithErrors));
        out.append(String.format("Findings: %,d errors, %,d warnings, %,d notices%n", count(Severity.ERROR),
                count(Severity.WARNING), count(Severity.NOTICE)));
        findingsByCategory.entrySet().stream()
                .sorted(Map.Entry.<Category, Long>comparingByKey(
                        (a, b) -> a.defaultSeverity() != b.defaultSeverity()
                                ? a.defaultSeverity().compareTo(b.defaultSeverity()) : a.compareTo(b)))
                .forEach(e -> out.append(String.format("  %-32s %-8s %,7d%n", e.getKey().name(),
                        e.getKey().defaultSeverity(), e.getValue())));
        if (findingsBypassed > 0) {
            out.append(String.format("Bypassed: %,d findings turned off by overrides (in findings.csv as bypassed,"
                    + " not counted above)%n", findingsBypassed));
        }
        return out.toString();
    }
}
