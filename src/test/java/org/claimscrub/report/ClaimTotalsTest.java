package org.claimscrub.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counts by disposition and the page's worklist: the worst claims, however many claims a batch has. */
class ClaimTotalsTest {
    private static ClaimPart claim(int id, long errors, long warnings, long rejected, int atRisk, int billed) {
        return new ClaimPart("C" + id, id, "1900000013", "", LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 3), 2,
                BigDecimal.valueOf(billed), BigDecimal.valueOf(atRisk), errors > 0 ? 1 : 0, errors, warnings, 0, 0,
                rejected, rejected > 0 ? "claims.csv line 2" : "", List.of(), List.of());
    }

    @Test
    void theWorklistHoldsTheWorstClaimsInOrderAsASortOfEveryClaimWould() {
        Random random = new Random(11);
        List<ClaimPart> claims = new ArrayList<>();
        ClaimTotals totals = new ClaimTotals();
        for (int i = 0; i < 5_000; i++) {
            // few distinct values, so that claims tie on everything but their id
            ClaimPart c = claim(i, random.nextInt(3), random.nextInt(3), random.nextInt(10) == 0 ? 1 : 0,
                    random.nextInt(4) * 10, random.nextInt(4) * 100);
            claims.add(c);
            totals.add(c);
        }
        List<String> expected = claims.stream().filter(c -> c.disposition() != Disposition.READY)
                .sorted(ClaimTotals.WORST_FIRST).limit(ClaimTotals.WORKLIST).map(ClaimPart::claimId).toList();
        assertEquals(expected, totals.worklist().stream().map(ClaimPart::claimId).toList());
        Map<Disposition, Long> counts = totals.byDisposition();
        for (Disposition d : Disposition.values()) {
            assertEquals(claims.stream().filter(c -> c.disposition() == d).count(), counts.get(d), d.name());
        }
    }

    /** The order as it was written before compareWorst: chained comparators. */
    private static final Comparator<ClaimPart> CHAINED = Comparator
            .comparing((ClaimPart c) -> !c.disposition().needsFixing())
            .thenComparing(Comparator.comparingLong((ClaimPart c) -> c.errors() + c.rejectedLines()).reversed())
            .thenComparing(Comparator.comparing(ClaimPart::atRisk).reversed())
            .thenComparing(Comparator.comparingLong(ClaimPart::warnings).reversed())
            .thenComparing(Comparator.comparing(ClaimPart::billed).reversed())
            .thenComparing(ClaimPart::claimId);

    /** Claims that tie on all but one figure, amounts of other scales, ids that tie; added in any order. */
    private static List<ClaimPart> ties(Random random) {
        List<ClaimPart> claims = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ClaimPart c = claim(random.nextInt(40), random.nextInt(3), random.nextInt(3),
                    random.nextInt(6) == 0 ? 1 + random.nextInt(2) : 0, random.nextInt(3) * 10,
                    random.nextInt(3) * 100);
            // 10 and 10.00 are equal amounts: compareTo, not equals
            claims.add(random.nextBoolean() ? c : new ClaimPart(c.claimId(), c.firstPosition(), c.billingNpi(),
                    c.payerId(), c.firstDate(), c.lastDate(), c.lines(), c.billed().setScale(2),
                    c.atRisk().setScale(random.nextInt(3)), c.linesWithErrors(), c.errors(), c.warnings(),
                    c.notices(), c.bypassed(), c.rejectedLines(), c.firstReject(), c.issues(), c.noticeGroups()));
        }
        return claims;
    }

    @Test
    void worstFirstOrdersEveryPairAsTheChainedComparatorsDid() {
        List<ClaimPart> claims = ties(new Random(5));
        for (ClaimPart a : claims) {
            for (ClaimPart b : claims) {
                assertEquals(Integer.signum(CHAINED.compare(a, b)),
                        Integer.signum(ClaimTotals.WORST_FIRST.compare(a, b)), a + " vs " + b);
            }
        }
    }

    @Test
    void theWorklistIsTheSameWhateverOrderTheClaimsComeIn() {
        Random random = new Random(8);
        List<ClaimPart> claims = new ArrayList<>();
        for (int i = 0; i < 3 * ClaimTotals.WORKLIST; i++) {
            // distinct ids, as whole claims have; ties on every figure
            claims.add(claim(i, random.nextInt(2), random.nextInt(2), 0, random.nextInt(2) * 10, 100));
        }
        List<String> first = null;
        for (int round = 0; round < 5; round++) {
            java.util.Collections.shuffle(claims, random);
            ClaimTotals totals = new ClaimTotals();
            claims.forEach(totals::add);
            List<String> worklist = totals.worklist().stream().map(ClaimPart::claimId).toList();
            assertEquals(ClaimTotals.WORKLIST, worklist.size());
            if (first == null) {
                first = worklist;
            }
            assertEquals(first, worklist, "round " + round);
        }
    }

    @Test
    void aWorklistNotYetFullTakesEveryClaimThatIsNotReady() {
        ClaimTotals totals = new ClaimTotals();
        totals.add(claim(1, 0, 1, 0, 0, 100));
        totals.add(claim(2, 0, 0, 0, 0, 100));
        totals.add(claim(3, 2, 0, 0, 50, 100));
        assertEquals(List.of("C3", "C1"), totals.worklist().stream().map(ClaimPart::claimId).toList());
    }
}
