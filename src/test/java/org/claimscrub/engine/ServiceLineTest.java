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
        return new ServiceLine(visit.get(0), visit, visit.get(0).units(), true,
                CodeReference.unknown(visit.get(0).code()));
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
    void anUnknownCodesRowIsBlankSoNoReferenceTestHolds() {
        CodeReference row = CodeReference.unknown("99999");
        assertEquals("99999", row.code());
        assertEquals(null, row.pcTc());
        assertFalse(row.isBefore(Lines.MONDAY));
        assertFalse(row.isSunsetOn(Lines.MONDAY));
    }
}
