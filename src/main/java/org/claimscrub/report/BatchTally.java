package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The line and finding figures of a batch, added up one partition at a time so that no per-line state outlives
 * its partition: findings by category and the severity they got, by edit and rule file, and dollars by edit,
 * billing provider and payer. Claims are counted where they are whole, in the claim merge ({@link ClaimTotals}).
 * Thread-safe.
 */
public final class BatchTally {
    private final Map<ScrubSummary.CategorySeverity, Long> byCategory = new HashMap<>();
    private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    private final Map<EditDefinition, EditFigures> byEdit = new HashMap<>();
    private final Map<String, Long> byRuleFile = new TreeMap<>();
    private final Map<String, Amounts> byProvider = new HashMap<>();
    private final Map<String, Amounts> byPayer = new HashMap<>();
    private Amounts total = Amounts.NONE;
    private long linesScrubbed;
    private long findingsBypassed;

    /** An edit's findings and the dollars of the lines they are on. */
    public record EditFigures(long findings, Amounts amounts) {
        EditFigures plus(EditFigures o) {
            return new EditFigures(findings + o.findings, amounts.plus(o.amounts));
        }
    }

    /** Amounts added to in place: a chunk adds thousands of lines, and a record per addition is garbage. */
    private static final class Sum {
        long lines;
        BigDecimal billed = BigDecimal.ZERO;
        long linesAtRisk;
        BigDecimal atRisk = BigDecimal.ZERO;

        /** A line without a charge counts as $0. */
        void add(BigDecimal charge, boolean isAtRisk) {
            lines++;
            if (charge != null) {
                billed = billed.add(charge);
            }
            if (isAtRisk) {
                linesAtRisk++;
                if (charge != null) {
                    atRisk = atRisk.add(charge);
                }
            }
        }

        Amounts amounts() {
            return new Amounts(lines, billed, linesAtRisk, atRisk);
        }
    }

    private static final class EditSum {
        long findings;
        final Sum amounts = new Sum();
    }

    private static final Category[] CATEGORIES = Category.values();
    private static final Severity[] SEVERITIES = Severity.values();

    /** Adds one chunk: its scrubbed lines and all their findings (after overrides). */
    public void add(List<ClaimLine> lines, List<Finding> findings) {
        Set<ClaimLine> errorLines = Collections.newSetFromMap(new IdentityHashMap<>());
        long[][] categories = new long[CATEGORIES.length][SEVERITIES.length];
        // by identity: findings of an edit share the catalog's instance (an override that adjusts the severity
        // makes its own, counted apart here and merged by equality below); a record's hash is not cached
        Map<EditDefinition, EditSum> edits = new IdentityHashMap<>();
        long bypassed = 0;
        for (Finding f : findings) {
            if (f.isBypassed()) {
                bypassed++;
                continue;
            }
            boolean error = f.severity() == Severity.ERROR;
            if (error) {
                errorLines.add(f.line());
            }
            categories[f.category().ordinal()][f.severity().ordinal()]++;
            EditSum edit = edits.computeIfAbsent(f.edit(), e -> new EditSum());
            edit.findings++;
            edit.amounts.add(f.line().charge(), error);
        }
        Sum chunk = new Sum();
        Map<String, Sum> providers = new HashMap<>();
        Map<String, Sum> payers = new HashMap<>();
        for (ClaimLine line : lines) {
            boolean atRisk = errorLines.contains(line);
            chunk.add(line.charge(), atRisk);
            providers.computeIfAbsent(line.billingNpi(), k -> new Sum()).add(line.charge(), atRisk);
            payers.computeIfAbsent(line.payerId(), k -> new Sum()).add(line.charge(), atRisk);
        }
        synchronized (this) {
            linesScrubbed += lines.size();
            findingsBypassed += bypassed;
            total = total.plus(chunk.amounts());
            for (Category c : CATEGORIES) {
                for (Severity v : SEVERITIES) {
                    long n = categories[c.ordinal()][v.ordinal()];
                    if (n > 0) {
                        byCategory.merge(new ScrubSummary.CategorySeverity(c, v), n, Long::sum);
                    }
                }
            }
            providers.forEach((k, a) -> byProvider.merge(k, a.amounts(), Amounts::plus));
            payers.forEach((k, a) -> byPayer.merge(k, a.amounts(), Amounts::plus));
            edits.forEach((e, n) -> {
                byEdit.merge(e, new EditFigures(n.findings, n.amounts.amounts()), EditFigures::plus);
                bySeverity.merge(e.severity(), n.findings, Long::sum);
                byRuleFile.merge(e.ruleFile().isEmpty() ? "(engine)" : e.ruleFile(), n.findings, Long::sum);
            });
        }
    }

    /** The summary once every partition is in and the claims are counted. */
    public synchronized ScrubSummary summary(long linesRead, long linesRejected, ClaimTotals claims) {
        Map<ScrubSummary.CategorySeverity, Long> categories = new TreeMap<>(Comparator
                .comparing(ScrubSummary.CategorySeverity::severity)
                .thenComparing(ScrubSummary.CategorySeverity::category));
        categories.putAll(byCategory);
        return new ScrubSummary(linesRead, linesScrubbed, linesRejected, claims.byDisposition(), categories,
                new EnumMap<>(bySeverity), findingsBypassed, total, editFigures(), figures(byProvider),
                figures(byPayer));
    }

    private List<ScrubSummary.Figure> editFigures() {
        List<ScrubSummary.Figure> out = new ArrayList<>();
        byEdit.forEach((e, f) -> out.add(new ScrubSummary.Figure(e.editId(), e.severity(), f.findings(),
                f.amounts())));
        out.sort(MOST_AT_RISK);
        return out;
    }

    private static List<ScrubSummary.Figure> figures(Map<String, Amounts> by) {
        List<ScrubSummary.Figure> out = new ArrayList<>();
        by.forEach((key, a) -> out.add(new ScrubSummary.Figure(key, null, 0, a)));
        out.sort(MOST_AT_RISK);
        return out;
    }

    /** Most dollars at risk first, then most findings, most billed, then by key (and severity). */
    private static final Comparator<ScrubSummary.Figure> MOST_AT_RISK = Comparator
            .<ScrubSummary.Figure, java.math.BigDecimal>comparing(f -> f.amounts().atRisk()).reversed()
            .thenComparing(Comparator.comparingLong(ScrubSummary.Figure::findings).reversed())
            .thenComparing(Comparator.<ScrubSummary.Figure, java.math.BigDecimal>comparing(
                    f -> f.amounts().billed()).reversed())
            .thenComparing(ScrubSummary.Figure::key)
            .thenComparing(f -> f.severity() == null ? "" : f.severity().name());

    public synchronized long linesScrubbed() {
        return linesScrubbed;
    }

    /** Findings per rule file (a family's file, or a policy file), by file name. */
    public synchronized Map<String, Long> byRuleFile() {
        return new TreeMap<>(byRuleFile);
    }
}
