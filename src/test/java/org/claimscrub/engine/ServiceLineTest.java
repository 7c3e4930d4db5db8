package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.reference.CodeReference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceLineTest {
    private static ServiceLine first(List<ClaimLine> visit) {
        return at(0, visit);
    }

    private static ServiceLine at(int index, List<ClaimLine> visit) {
        return new ServiceLine(visit.get(index), visit, CodeReference.unknown(visit.get(index).code()));
    }

    @Test
    void visitBillsAndVisitUnitsLookAtEveryLineOfTheVisit() {
        List<ClaimLine> visit = List.of(Lines.line("0760T").build(), Lines.line("88342").units(2).build(),
                Lines.line("88342").claim("C2", 1).units(3).build());
        ServiceLine addon = first(visit);
        assertTrue(addon.visitBills("88342"));
        assertFalse(addon.visitBills("88341"));
        assertEquals(5, addon.visitUnits("88342"), "units of both claims' lines");
        assertEquals(0, addon.visitUnits("88341"));
    }

    @Test
    void visitBillsOnlyWithNeedsTheCodeAndTheModifierOnEveryLineOfIt() {
        ClaimLine addon = Lines.line("0760T").build();
        ClaimLine professional = Lines.line("88342").modifiers("26").build();
        ClaimLine global = Lines.line("88342").build();
        assertTrue(first(List.of(addon, professional)).visitBillsOnlyWith("88342", "26"));
        assertFalse(first(List.of(addon, professional, global)).visitBillsOnlyWith("88342", "26"),
                "one line without 26 is enough");
        assertFalse(first(List.of(addon)).visitBillsOnlyWith("88342", "26"), "no line of the code at all");
    }

    @Test
    void codeUnitsAndFirstOfCodeSpanTheVisitsLinesOfTheCode() {
        List<ClaimLine> visit = List.of(Lines.line("88342").units(2).build(), Lines.line("0760T").build(),
                Lines.line("88342").claim("C2", 1).units(3).build());
        assertEquals(5, at(0, visit).getCodeUnits());
        assertTrue(at(0, visit).isFirstOfCode());
        assertFalse(at(2, visit).isFirstOfCode());
        assertTrue(at(1, visit).isFirstOfCode());
        assertEquals(1, at(1, visit).getCodeUnits());
    }

    @Test
    void aDuplicateNamesTheFirstEarlierLineOfTheSameServiceOnTheSameClaim() {
        ClaimLine original = Lines.line("88305").modifiers("26", "59").build();
        ClaimLine sameModifiersOtherOrder = Lines.line("88305").claim("C1", 2).modifiers("59", "26").build();
        ClaimLine third = Lines.line("88305").claim("C1", 3).modifiers("26", "59").build();
        ClaimLine otherClaim = Lines.line("88305").claim("C2", 1).modifiers("26", "59").build();
        ClaimLine otherUnits = Lines.line("88305").claim("C1", 4).modifiers("26", "59").units(2).build();
        ClaimLine otherModifiers = Lines.line("88305").claim("C1", 5).modifiers("26").build();
        List<ClaimLine> visit = List.of(original, sameModifiersOtherOrder, third, otherClaim, otherUnits,
                otherModifiers);
        assertEquals(null, at(0, visit).getDuplicateOf(), "the first of its kind duplicates nothing");
        assertEquals(original, at(1, visit).getDuplicateOf());
        assertEquals(original, at(2, visit).getDuplicateOf(), "a third copy names the first, not the second");
        assertEquals(null, at(3, visit).getDuplicateOf(), "another claim");
        assertEquals(null, at(4, visit).getDuplicateOf(), "other units");
        assertEquals(null, at(5, visit).getDuplicateOf(), "other modifiers");
    }

    @Test
    void repeatedModifiersCountAsManyTimesAsTheyAppear() {
        ClaimLine twice26 = Lines.line("88305").modifiers("26", "26").build();
        ClaimLine onceEach = Lines.line("88305").claim("C1", 2).modifiers("26", "TC").build();
        ClaimLine reordered = Lines.line("88305").claim("C1", 3).modifiers("TC", "26").build();
        List<ClaimLine> visit = List.of(twice26, onceEach, reordered);
        assertEquals(null, at(1, visit).getDuplicateOf(), "26 26 is not 26 TC");
        assertEquals(onceEach, at(2, visit).getDuplicateOf(), "TC 26 is 26 TC");
        assertEquals(null, at(0, List.of(onceEach, twice26)).getDuplicateOf());
        assertEquals(null, at(1, List.of(onceEach, twice26)).getDuplicateOf(), "either way round");
    }

    @Test
    void anUnknownCodesRowIsBlankSoNoReferenceTestHolds() {
        CodeReference row = CodeReference.unknown("99999");
        assertEquals("99999", row.code());
        assertEquals(null, row.pcTc());
        assertFalse(row.isBefore(Lines.MONDAY));
        assertFalse(row.isSunsetOn(Lines.MONDAY));
    }
}
