package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
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

    public static ScrubSummary of(Collection<ClaimLine> lines, Collection<Reject> rejects,
                                  Collection<Finding> findings) {
        Map<String, Severity> worstByClaim = new HashMap<>();
        for (ClaimLine line : lines) {
            worstByClaim.putIfAbsent(line.claimId(), Severity.NOTICE);
        }
        for (Reject reject : rejects) {
            if (!reject.claimId().isEmpty()) {
                worstByClaim.put(reject.claimId(), Severity.ERROR);
            }
        }
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        long bypassed = 0;
        for (Finding f : findings) {
            if (f.isBypassed()) {
                bypassed++;
                continue;
            }
            byCategory.merge(f.category(), 1L, Long::sum);
            bySeverity.merge(f.severity(), 1L, Long::sum);
            worstByClaim.merge(f.line().claimId(), f.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        int errors = 0;
        int warnings = 0;
        for (Severity worst : worstByClaim.values()) {
            if (worst == Severity.ERROR) {
                errors++;
            } else if (worst == Severity.WARNING) {
                warnings++;
            }
        }
        int claims = worstByClaim.size();
        return new ScrubSummary(lines.size() + rejects.size(), lines.size(), rejects.size(), claims,
                claims - errors - warnings, warnings, errors, byCategory, bySeverity, bypassed);
    }

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
