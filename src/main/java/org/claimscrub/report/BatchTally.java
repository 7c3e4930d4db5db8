package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of a batch, added up one partition at a time so that no per-line or per-claim state outlives
 * its partition: counts by category, severity, edit and rule file, claims by their worst finding, and the
 * worst claims. A claim is assumed to sit in one partition (its lines share patient and billing provider).
 * Thread-safe.
 */
public final class BatchTally {
    /** How many claims the worst-claims table lists. */
    public static final int WORST_CLAIMS = 20;

    /** Most errors first, then most warnings, then most notices, then claim id. */
    static final Comparator<ClaimScore> WORST_FIRST = Comparator
            .comparingLong(ClaimScore::errors).reversed()
            .thenComparing(Comparator.comparingLong(ClaimScore::warnings).reversed())
            .thenComparing(Comparator.comparingLong(ClaimScore::notices).reversed())
            .thenComparing(ClaimScore::claimId);

    /** One claim's findings by severity; {@code rejectedLines} counts its lines set aside. */
    public record ClaimScore(String claimId, long errors, long warnings, long notices, long rejectedLines) {
    }

    private final Map<String, Long> rejectedLinesByClaim;
    private final Set<String> rejectedClaimsSeen = new HashSet<>();
    private final Map<Category, Long> byCategory = new EnumMap<>(Category.class);
    private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    private final Map<EditDefinition, Long> byEdit = new HashMap<>();
    private final Map<String, Long> byRuleFile = new TreeMap<>();
    private final PriorityQueue<ClaimScore> worst = new PriorityQueue<>(WORST_FIRST.reversed());
    private long linesScrubbed;
    private long claims;
    private long claimsWithErrors;
    private long claimsWithWarnings;
    private long findingsBypassed;

    /** @param rejectedLinesByClaim lines set aside per claim id; any such claim counts as a claim with errors */
    public BatchTally(Map<String, Long> rejectedLinesByClaim) {
        this.rejectedLinesByClaim = rejectedLinesByClaim;
    }

    /** Adds one partition: its scrubbed lines and all their findings. */
    public void add(List<ClaimLine> lines, List<Finding> findings) {
        Map<String, long[]> perClaim = new HashMap<>(lines.size());
        for (ClaimLine line : lines) {
            perClaim.computeIfAbsent(line.claimId(), c -> new long[Severity.values().length]);
        }
        Map<Category, Long> categories = new EnumMap<>(Category.class);
        // by identity: findings of an edit share the catalog's instance (an override that adjusts the severity
        // makes its own, counted apart here and merged by equality below); a record's hash is not cached
        Map<EditDefinition, Long> edits = new IdentityHashMap<>();
        long bypassed = 0;
        for (Finding f : findings) {
            if (f.isBypassed()) {
                bypassed++;
                continue;
            }
            categories.merge(f.category(), 1L, Long::sum);
            edits.merge(f.edit(), 1L, Long::sum);
            perClaim.computeIfAbsent(f.line().claimId(), c -> new long[Severity.values().length])
                    [f.severity().ordinal()]++;
        }
        synchronized (this) {
            linesScrubbed += lines.size();
            findingsBypassed += bypassed;
            categories.forEach((c, n) -> byCategory.merge(c, n, Long::sum));
            edits.forEach((e, n) -> {
                byEdit.merge(e, n, Long::sum);
                bySeverity.merge(e.severity(), n, Long::sum);
                byRuleFile.merge(e.ruleFile().isEmpty() ? "(engine)" : e.ruleFile(), n, Long::sum);
            });
            perClaim.forEach(this::addClaim);
        }
    }

    private void addClaim(String claimId, long[] counts) {
        long rejected = rejectedLinesByClaim.getOrDefault(claimId, 0L);
        if (rejected > 0) {
            rejectedClaimsSeen.add(claimId);
        }
        ClaimScore score = new ClaimScore(claimId, counts[Severity.ERROR.ordinal()],
                counts[Severity.WARNING.ordinal()], counts[Severity.NOTICE.ordinal()], rejected);
        count(score);
    }

    private void count(ClaimScore score) {
        claims++;
        if (score.errors() > 0 || score.rejectedLines() > 0) {
            claimsWithErrors++;
        } else if (score.warnings() > 0) {
            claimsWithWarnings++;
        }
        if (score.errors() + score.warnings() + score.rejectedLines() > 0) {
            worst.add(score);
            if (worst.size() > WORST_CLAIMS) {
                worst.poll();
            }
        }
    }

    /** The summary once every partition is in; claims with only rejected lines are counted here. */
    public synchronized ScrubSummary summary(long linesRead, long linesRejected) {
        rejectedLinesByClaim.forEach((claimId, rejected) -> {
            if (rejectedClaimsSeen.add(claimId)) {
                count(new ClaimScore(claimId, 0, 0, 0, rejected));
            }
        });
        return new ScrubSummary(linesRead, linesScrubbed, linesRejected, Math.toIntExact(claims),
                Math.toIntExact(claims - claimsWithErrors - claimsWithWarnings), Math.toIntExact(claimsWithWarnings),
                Math.toIntExact(claimsWithErrors), new EnumMap<>(byCategory), new EnumMap<>(bySeverity),
                findingsBypassed);
    }

    public synchronized long linesScrubbed() {
        return linesScrubbed;
    }

    /** Findings per edit, most frequent first, then by edit id. */
    public synchronized List<Map.Entry<EditDefinition, Long>> byEdit() {
        List<Map.Entry<EditDefinition, Long>> out = new ArrayList<>(byEdit.entrySet());
        out.sort(Map.Entry.<EditDefinition, Long>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().editId()));
        return out;
    }

    /** Findings per rule file (a family's file, or a policy file), by file name. */
    public synchronized Map<String, Long> byRuleFile() {
        return new TreeMap<>(byRuleFile);
    }

    /** The worst claims, worst first. */
    public synchronized List<ClaimScore> worstClaims() {
        List<ClaimScore> out = new ArrayList<>(worst);
        out.sort(WORST_FIRST);
        return out;
    }
}
