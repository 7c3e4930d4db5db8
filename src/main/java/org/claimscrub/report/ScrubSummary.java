package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.Severity;

import java.util.List;
import java.util.Map;

/**
 * The at-a-glance figures of a scrub. Claims by {@link Disposition}; findings by the severity each got after
 * overrides, and by category and that severity; dollars billed and at risk, overall and by edit, billing
 * provider and payer. A rejected line without a readable claim id counts in the lines, not the claims.
 * Findings an override bypassed count only as bypassed.
 *
 * @param findingsByCategory findings per category and severity, worst severity first
 * @param byEdit             per edit id (with its severity), most dollars at risk first
 */
public record ScrubSummary(
        long linesRead,
        long linesScrubbed,
        long linesRejected,
        Map<Disposition, Long> claimsByDisposition,
        Map<CategorySeverity, Long> findingsByCategory,
        Map<Severity, Long> findingsBySeverity,
        long findingsBypassed,
        Amounts dollars,
        List<Figure> byEdit,
        List<Figure> byProvider,
        List<Figure> byPayer) {

    /** How many lines summary.txt lists per breakdown; run.json has them all. */
    public static final int TEXT_ROWS = 10;

    /** A category at the severity its findings got (an override may raise or lower it). */
    public record CategorySeverity(Category category, Severity severity) {
    }

    /** One row of a dollar breakdown: the edit id, billing NPI or payer id, its findings and dollars. */
    public record Figure(String key, Severity severity, long findings, Amounts amounts) {
    }

    public long count(Severity severity) {
        return findingsBySeverity.getOrDefault(severity, 0L);
    }

    /** Findings of a category, at whatever severity. */
    public long count(Category category) {
        return findingsByCategory.entrySet().stream().filter(e -> e.getKey().category() == category)
                .mapToLong(Map.Entry::getValue).sum();
    }

    public long claims(Disposition disposition) {
        return claimsByDisposition.getOrDefault(disposition, 0L);
    }

    public long claims() {
        return claimsByDisposition.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Claims with rejected lines or errors: they must change before they go out. */
    public long claimsToFix() {
        return claims(Disposition.REJECTED_LINES) + claims(Disposition.FIX);
    }

    public long findings() {
        return findingsBySeverity.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The console summary: counts that reconcile, dollars, then findings by category and severity, worst first. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Lines:    %,d read = %,d scrubbed + %,d rejected%n", linesRead, linesScrubbed,
                linesRejected));
        out.append("Claims:   ").append(String.format("%,d", claims())).append(" in all: ");
        if (claims(Disposition.REJECTED_LINES) > 0) {
            out.append(String.format("%,d with rejected lines, ", claims(Disposition.REJECTED_LINES)));
        }
        out.append(String.format("%,d to fix, %,d to review, %,d ready%n", claims(Disposition.FIX),
                claims(Disposition.REVIEW), claims(Disposition.READY)));
        out.append("Dollars:  ").append(Amounts.dollars(dollars.billed())).append(" billed, ")
                .append(Amounts.dollars(dollars.atRisk())).append(" at risk on ")
                .append(Plural.of(dollars.linesAtRisk(), "line")).append(" with errors\n");
        out.append("Findings: ").append(Plural.of(count(Severity.ERROR), "error")).append(", ")
                .append(Plural.of(count(Severity.WARNING), "warning")).append(", ")
                .append(Plural.of(count(Severity.NOTICE), "notice")).append('\n');
        findingsByCategory.forEach((key, n) -> out.append(String.format("  %-32s %-8s %,7d%n",
                key.category().name(), key.severity(), n)));
        if (findingsBypassed > 0) {
            out.append("Bypassed: ").append(Plural.of(findingsBypassed, "finding"))
                    .append(" turned off by overrides (listed as bypassed, not counted above)\n");
        }
        breakdown(out, "At risk by edit", byEdit.stream().filter(f -> f.amounts().atRisk().signum() > 0).toList());
        breakdown(out, "By billing provider", byProvider);
        breakdown(out, "By payer", byPayer);
        return out.toString();
    }

    private static void breakdown(StringBuilder out, String title, List<Figure> figures) {
        if (figures.isEmpty() || figures.size() == 1 && figures.get(0).key().isEmpty() || figures.stream().allMatch(f -> f.amounts().billed().signum() == 0
                && f.amounts().atRisk().signum() == 0)) {
            return;
        }
        out.append(title).append(':').append('\n');
        for (Figure f : figures.subList(0, Math.min(TEXT_ROWS, figures.size()))) {
            out.append(String.format("  %-32s %14s at risk of %14s billed%n", f.key().isEmpty() ? "(none)" : f.key(),
                    Amounts.dollars(f.amounts().atRisk()), Amounts.dollars(f.amounts().billed())));
        }
        if (figures.size() > TEXT_ROWS) {
            out.append("  ... and ").append(String.format("%,d", figures.size() - TEXT_ROWS))
                    .append(" more in run.json\n");
        }
    }
}
