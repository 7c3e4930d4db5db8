package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One very large visit (thousands of lines of one patient, provider and date) is answered from an index built once,
 * not by every line scanning the others: its findings must be what the line-by-line definitions give.
 */
class LargeVisitTest {
    private static final String[] CODES = {"88305", "0753T", "88342", "0856T", "88348", "88341", "88312"};
    private static final String[][] MODIFIERS = {{}, {"26"}, {"TC"}, {"26", "59"}, {"59", "26"}};

    private static List<ClaimLine> largeVisit(int size) {
        Random random = new Random(42);
        List<ClaimLine> visit = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            visit.add(Lines.line(CODES[random.nextInt(CODES.length)]).claim("BIG-" + i / 40, 1 + i % 40)
                    .units(1 + random.nextInt(3)).modifiers(MODIFIERS[random.nextInt(MODIFIERS.length)]).build());
        }
        return visit;
    }

    /** What each question means, line by line over the whole visit, as the small visits are answered. */
    @Test
    void theIndexOfALargeVisitAnswersEveryLineAsAScanDoes() {
        List<ClaimLine> visit = largeVisit(2_000);
        VisitLines indexed = new VisitLines(visit);
        for (ClaimLine line : visit) {
            ClaimLine duplicateOf = null;
            for (ClaimLine other : visit) {
                if (other == line) {
                    break;
                }
                if (VisitLines.sameService(line, other)) {
                    duplicateOf = other;
                    break;
                }
            }
            assertEquals(duplicateOf, indexed.duplicateOf(line), "duplicate of " + line.source());
            ClaimLine firstOfCode = visit.stream().filter(l -> l.code().equals(line.code())).findFirst().orElseThrow();
            assertEquals(firstOfCode, indexed.firstOf(line.code()));
        }
        for (String code : CODES) {
            List<ClaimLine> ofCode = visit.stream().filter(l -> l.code().equals(code)).toList();
            assertEquals(ofCode.stream().mapToInt(ClaimLine::units).sum(), indexed.units(code), code);
            assertEquals(!ofCode.isEmpty() && ofCode.stream().allMatch(l -> l.hasModifier("26")),
                    indexed.billsOnlyWith(code, "26"), code);
        }
        assertEquals(false, indexed.bills("88346"));
        assertEquals(0, indexed.units("88346"));
    }

    /** 20,000 lines of one visit through the shipped rules: every repeated service is found once per copy. */
    @Test
    void aLargeVisitGetsTheDuplicateLineFindingOnEveryCopyAndOnlyThere() {
        List<ClaimLine> visit = largeVisit(20_000);
        List<Finding> findings = new Scrubber(ShippedRules.rules(), ShippedRules.reference()).scrub(visit);
        Map<String, Long> byEdit = findings.stream().collect(Collectors.groupingBy(f -> f.edit().editId(),
                Collectors.counting()));
        long copies = 0;
        java.util.Set<List<Object>> services = new java.util.HashSet<>();
        for (ClaimLine line : visit) {
            List<String> modifiers = new ArrayList<>(line.modifiers().values());
            java.util.Collections.sort(modifiers);
            if (!services.add(List.of(line.claimId(), line.code(), modifiers, line.units()))) {
                copies++;
            }
        }
        assertEquals(copies, byEdit.getOrDefault("DUP-LINE", 0L), byEdit.toString());
        Function<String, Long> lines = code -> visit.stream().filter(l -> l.code().equals(code)).count();
        assertEquals(lines.apply("0753T") + lines.apply("0856T"), byEdit.get("CPR-C"),
                "every add-on line is carrier priced");
    }
}
