package org.claimscrub.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
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

    @Test
    void aWorklistNotYetFullTakesEveryClaimThatIsNotReady() {
        ClaimTotals totals = new ClaimTotals();
        totals.add(claim(1, 0, 1, 0, 0, 100));
        totals.add(claim(2, 0, 0, 0, 0, 100));
        totals.add(claim(3, 2, 0, 0, 50, 100));
        assertEquals(List.of("C3", "C1"), totals.worklist().stream().map(ClaimPart::claimId).toList());
    }
}
