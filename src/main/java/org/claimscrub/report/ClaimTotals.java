package org.claimscrub.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The claim figures, counted as whole claims stream out of the claim merge: claims by disposition, and the
 * worklist summary.html shows (the worst {@link #WORKLIST} claims that need fixing or review). Memory: the
 * worklist only.
 */
public final class ClaimTotals {
    /** How many claims the page's worklist embeds; claims.csv has every one. */
    public static final int WORKLIST = 300;

    /**
     * Worst first: claims to fix before claims to review, then by errors (rejected lines count as errors), then
     * dollars at risk, then warnings, then dollars billed, then claim id.
     */
    public static final Comparator<ClaimPart> WORST_FIRST = ClaimTotals::compareWorst;

    /** Written out rather than chained: each claim to fix or review meets it as the merge counts it. */
    private static int compareWorst(ClaimPart a, ClaimPart b) {
        int c = Boolean.compare(!a.disposition().needsFixing(), !b.disposition().needsFixing());
        if (c == 0) {
            c = Long.compare(b.errors() + b.rejectedLines(), a.errors() + a.rejectedLines());
        }
        if (c == 0) {
            c = b.atRisk().compareTo(a.atRisk());
        }
        if (c == 0) {
            c = Long.compare(b.warnings(), a.warnings());
        }
        if (c == 0) {
            c = b.billed().compareTo(a.billed());
        }
        return c != 0 ? c : a.claimId().compareTo(b.claimId());
    }

    private final Map<Disposition, Long> byDisposition = new EnumMap<>(Disposition.class);
    private final PriorityQueue<ClaimPart> worst = new PriorityQueue<>(WORST_FIRST.reversed());

    public ClaimTotals() {
        for (Disposition d : Disposition.values()) {
            byDisposition.put(d, 0L);
        }
    }

    public void add(ClaimPart claim) {
        Disposition d = claim.disposition();
        byDisposition.merge(d, 1L, Long::sum);
        // a full worklist takes a claim only when it is worse than the least bad it holds: one comparison for
        // most claims of a large batch, and no copy
        if (d != Disposition.READY && worse(claim)) {
            // the worklist needs the errors and warnings, not the notices
            keep(new ClaimPart(claim.claimId(), claim.firstPosition(), claim.billingNpi(), claim.payerId(),
                    claim.firstDate(), claim.lastDate(), claim.lines(), claim.billed(), claim.atRisk(),
                    claim.linesWithErrors(), claim.errors(), claim.warnings(), claim.notices(), claim.bypassed(),
                    claim.rejectedLines(), claim.firstReject(), claim.issues(), List.of()));
        }
    }

    private boolean worse(ClaimPart claim) {
        return worst.size() < WORKLIST || WORST_FIRST.compare(claim, worst.peek()) < 0;
    }

    private void keep(ClaimPart claim) {
        worst.add(claim);
        if (worst.size() > WORKLIST) {
            worst.poll();
        }
    }

    public Map<Disposition, Long> byDisposition() {
        return new EnumMap<>(byDisposition);
    }

    /** The claims to fix or review, worst first, at most {@link #WORKLIST}. */
    public List<ClaimPart> worklist() {
        List<ClaimPart> out = new ArrayList<>(worst);
        out.sort(WORST_FIRST);
        return out;
    }
}
