package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;
import org.claimscrub.reference.cms.CmsTestLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.claimscrub.reference.cms.CmsTestLines.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MUE, PTP, add-on code edit, not-checked and PFS-driven edits, with the shipped rules folder. */
class CmsEditsTest {
    private static RuleBase rules;
    private static ReferenceData shipped;
    private static CmsTables all;

    private final CmsTestLines lines = new CmsTestLines();

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(Path.of("rules"));
        shipped = new ReferenceDataLoader().load(Path.of("rules", "reference"));
        all = tables(new CmsTableLoader.Request(
                List.of(path("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv"),
                        path("MCR_MUE_PractitionerServices_Eff_04-01-2025.csv"),
                        path("MCR_MUE_OutpatientHospitalServices_Eff_01-01-2025.csv")),
                List.of(path("ccipra-v310r0-f1.txt"), path("ccipra-v310r0-f2.txt"), path("ccioph-v310r0-f1.txt")),
                path("AOC_V2025Q1.txt"), List.of(path("PPRRVU25_JAN.csv"))));
    }

    private static String path(String name) {
        return fixture(name).toString();
    }

    private static CmsTables tables(CmsTableLoader.Request request) throws Exception {
        return new CmsTableLoader().load(request);
    }

    private static List<Finding> scrub(CmsTables cms, ClaimLine... batch) {
        return new Scrubber(rules, cms.applyTo(shipped), cms).scrub(List.of(batch));
    }

    private static List<Finding> of(List<Finding> findings, Category category) {
        return findings.stream().filter(f -> f.category() == category).toList();
    }

    private static Finding only(List<Finding> findings, Category category) {
        List<Finding> found = of(findings, category);
        assertEquals(1, found.size(), () -> "expected one " + category + ", got " + findings);
        return found.get(0);
    }

    // MUE, MAI 1: line edit

    @Test
    void mai1LineOverTheMueIsAnError() {
        ClaimLine ihc = lines.line("C1", "2025-02-03", "88341", 4);
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "88342", 1), ihc), Category.MUE_EXCEEDED);
        assertEquals(ihc, f.line());
        assertEquals("MUE-CLAIM", f.edit().editId());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("billed for 4 unit(s) on this line,")
                && f.message().contains("(MUE) of 3 unit(s)") && f.message().contains("MAI 1: line edit"), f.message());
    }

    @Test
    void mai1LineAtTheMueIsQuiet() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88341", 3)), Category.MUE_EXCEEDED));
    }

    @Test
    void mai1LinesWithoutADistinctServiceModifierOnOneClaimAreHeldTogether() {
        ClaimLine first = lines.line("C1", "2025-02-03", "88341", 2);
        Finding f = only(scrub(all, first, lines.line("C1", "2025-02-03", "88341", 2)), Category.MUE_EXCEEDED);
        assertEquals(first, f.line());
        assertTrue(f.message().contains("billed for 4 unit(s) on the 2 lines of claim C1"), f.message());
    }

    @Test
    void mai1LinesSplitByADistinctServiceModifierAreJudgedAlone() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88341", 3),
                lines.line("C1", "2025-02-03", "88341", 2, "59"),
                lines.line("C1", "2025-02-03", "88341", 3, "XS"),
                lines.line("C1", "2025-02-03", "88341", 1, "RT")), Category.MUE_EXCEEDED));
    }

    @Test
    void mai1SplitLineOverTheMueOnItsOwnIsAnError() {
        ClaimLine split = lines.line("C1", "2025-02-03", "88341", 4, "76");
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "88341", 1), split), Category.MUE_EXCEEDED);
        assertEquals(split, f.line());
        assertEquals("MUE-LINE", f.edit().editId());
    }

    @Test
    void mai1LinesOnDifferentClaimsAreNotAdded() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88341", 2),
                lines.line("C2", "2025-02-03", "88341", 2)), Category.MUE_EXCEEDED));
    }

    // MUE, MAI 2 and 3: date of service edits

    @Test
    void mai2UnitsAreSummedAcrossClaimsAndModifiersOfTheVisit() {
        ClaimLine first = lines.line("C1", "2025-02-03", "88312", 1);
        Finding f = only(scrub(all, first, lines.line("C2", "2025-02-03", "88312", 1, "59"),
                lines.line("C3", "2025-02-03", "88312", 1)), Category.MUE_EXCEEDED);
        assertEquals(first, f.line());
        assertEquals("MUE-DOS", f.edit().editId());
        assertTrue(f.message().contains("billed for 3 unit(s) for this patient and billing provider")
                && f.message().contains("MAI 2") && f.message().contains("no appeal"), f.message());
    }

    @Test
    void mai2UnitsOfAnotherPatientOrDateAreNotAdded() {
        ClaimLine a = lines.line("C1", "2025-02-03", "88312", 2);
        ClaimLine otherDay = lines.line("C1", "2025-02-04", "88312", 2);
        ClaimLine otherPatient = lines.patient("PT-CMS-2").line("C2", "2025-02-03", "88312", 2);
        assertEquals(List.of(), of(scrub(all, a, otherDay, otherPatient), Category.MUE_EXCEEDED));
    }

    @Test
    void mai3AtTheMueIsQuietAndOverItSaysItCanBeAppealed() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88305", 4)), Category.MUE_EXCEEDED));
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "88305", 5)), Category.MUE_EXCEEDED);
        assertTrue(f.message().contains("MAI 3") && f.message().contains("appeal with the medical records"),
                f.message());
    }

    @Test
    void eachLineIsHeldToTheMueTableInForceOnItsDateOfService() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-03-31", "88305", 2)), Category.MUE_EXCEEDED));
        Finding april = only(scrub(all, lines.line("C1", "2025-04-01", "88305", 2)), Category.MUE_EXCEEDED);
        assertTrue(april.message().contains("(MUE) of 1 unit(s) in MCR_MUE_PractitionerServices_Eff_04-01-2025.csv"),
                april.message());
    }

    @Test
    void institutionalClaimsUseTheOutpatientHospitalTable() {
        Finding f = only(scrub(all, lines.institutional().line("H1", "2025-02-03", "88305", 3)),
                Category.MUE_EXCEEDED);
        assertTrue(f.message().contains("MCR_MUE_OutpatientHospitalServices_Eff_01-01-2025.csv"), f.message());
    }

    @Test
    void anAddOnMueThatClashesWithTheOneUnitPerPrimaryUnitRuleSaysSo() {
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "88302", 2),
                lines.line("C1", "2025-02-03", "0751T", 2)), Category.MUE_EXCEEDED);
        assertTrue(f.message().contains("0751T is an add-on code, reported one unit per unit of its primary")
                && f.message().contains("will not be paid, even on appeal"), f.message());
        Finding plain = only(scrub(all, lines.line("C1", "2025-02-03", "88305", 5)), Category.MUE_EXCEEDED);
        assertTrue(!plain.message().contains("add-on"), plain.message());
    }

    // PTP

    @Test
    void modifierIndicator0IsNeverBypassed() {
        ClaimLine column1 = lines.line("C1", "2025-02-03", "88305", 1);
        ClaimLine column2 = lines.line("C1", "2025-02-03", "88300", 1, "59");
        Finding f = only(scrub(all, column1, column2), Category.PTP_CONFLICT);
        assertEquals(column2, f.line());
        assertEquals("PTP-MI0", f.edit().editId());
        assertTrue(f.message().contains("88300 is a column 2 code of 88305 (claim C1 line 1)")
                && f.message().contains("Rationale: Made-up rationale A (test fixture)")
                && f.message().contains("ccipra v31.0r0"), f.message());
    }

    @Test
    void modifierIndicator1WithoutAModifierIsAnErrorOnTheColumn2Line() {
        ClaimLine column2 = lines.line("C1", "2025-02-03", "88305", 1);
        ClaimLine column1 = lines.line("C2", "2025-02-03", "88307", 1);
        Finding f = only(scrub(all, column2, column1), Category.PTP_CONFLICT);
        assertEquals(column2, f.line());
        assertEquals("PTP-MI1", f.edit().editId());
        assertTrue(f.message().contains("of 88307 (claim C2 line 2)")
                && f.message().contains("Made-up rationale B"), f.message());
    }

    @Test
    void modifierIndicator1IsBypassedByAnNcciModifierOnTheColumn2Line() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88307", 1),
                lines.line("C1", "2025-02-03", "88305", 1, "XS")), Category.PTP_CONFLICT));
    }

    @Test
    void modifierIndicator1IsBypassedByAnNcciModifierOnTheColumn1Line() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88307", 1, "59"),
                lines.line("C1", "2025-02-03", "88305", 1)), Category.PTP_CONFLICT));
    }

    @Test
    void aModifierThatIsNotNcciAssociatedDoesNotBypass() {
        only(scrub(all, lines.line("C1", "2025-02-03", "88307", 1, "26"),
                lines.line("C1", "2025-02-03", "88305", 1, "26")), Category.PTP_CONFLICT);
    }

    @Test
    void modifierIndicator9IsIgnored() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88342", 1),
                lines.line("C1", "2025-02-03", "88346", 1)), Category.PTP_CONFLICT));
    }

    @Test
    void anEditAppliesThroughItsDeletionDateInclusive() {
        only(scrub(all, lines.line("C1", "2025-02-15", "88331", 1), lines.line("C1", "2025-02-15", "88329", 1)),
                Category.PTP_CONFLICT);
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-16", "88331", 1),
                lines.line("C1", "2025-02-16", "88329", 1)), Category.PTP_CONFLICT));
    }

    @Test
    void anEditAppliesFromItsEffectiveDate() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-28", "88309", 1),
                lines.line("C1", "2025-02-28", "88304", 1)), Category.PTP_CONFLICT));
        only(scrub(all, lines.line("C1", "2025-03-01", "88309", 1), lines.line("C1", "2025-03-01", "88304", 1)),
                Category.PTP_CONFLICT);
    }

    @Test
    void pairsOfDifferentPatientsDoNotConflict() {
        ClaimLine column1 = lines.line("C1", "2025-02-03", "88305", 1);
        ClaimLine column2 = lines.patient("PT-CMS-2").line("C2", "2025-02-03", "88300", 1);
        assertEquals(List.of(), of(scrub(all, column1, column2), Category.PTP_CONFLICT));
    }

    @Test
    void aColumn2LineIsReportedOnceNamingTheFirstColumn1Line() {
        ClaimLine column2 = lines.line("C1", "2025-02-03", "88300", 1);
        lines.line("C1", "2025-02-03", "88305", 1);
        Finding f = only(scrub(all, column2, lines.line("C1", "2025-02-03", "88305", 1),
                lines.line("C1", "2025-02-03", "88305", 1, "XS")), Category.PTP_CONFLICT);
        assertTrue(f.message().contains("(claim C1 line 3)"), f.message());
    }

    @Test
    void hospitalClaimsUseTheHospitalTable() {
        lines.institutional();
        assertEquals(List.of(), of(scrub(all, lines.line("H1", "2025-02-03", "88305", 1),
                lines.line("H1", "2025-02-03", "88300", 1, "59")), Category.PTP_CONFLICT),
                "indicator 1 in the hospital table, 0 in the practitioner table");
    }

    // Add-on code edits

    @Test
    void anAddOnOfTheTableWithoutItsPrimaryIsAnError() {
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "88185", 1)), Category.ADDON_WITHOUT_PRIMARY);
        assertEquals("AOC-T1", f.edit().editId());
        assertTrue(f.message().contains("only with 88184"), f.message());
        assertTrue(f.edit().source().startsWith("CMS NCCI add-on code edits, type 1"), f.edit().source());
    }

    @Test
    void anAddOnWithAPrimaryOnAnotherClaimOfTheVisitIsQuiet() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88185", 1),
                lines.line("C2", "2025-02-03", "88184", 1)), Category.ADDON_WITHOUT_PRIMARY));
    }

    @Test
    void type3IsAWarningAndType2RaisesNothing() {
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "22552", 1)), Category.ADDON_WITHOUT_PRIMARY);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("AOC-T3", f.edit().editId());
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "99417", 1)),
                Category.ADDON_WITHOUT_PRIMARY));
    }

    @Test
    void whenAFamilyRuleAndTheTableSayTheSameOnlyTheFamilyFindingIsReported() {
        List<Finding> findings = scrub(all, lines.line("C1", "2025-02-03", "0856T", 1));
        Finding f = only(findings, Category.ADDON_WITHOUT_PRIMARY);
        assertEquals("AOP-0856T", f.edit().editId());
    }

    @Test
    void aFamilyErrorIsKeptOverATableWarningForTheSameLine() {
        // 88350 without 88346: the immunofluorescence family says so (error) and the fixture's type 3 row says so
        // (warning); one finding is reported, the family's.
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "88350", 1)), Category.ADDON_WITHOUT_PRIMARY);
        assertEquals("AOP-88350", f.edit().editId());
    }

    @Test
    void withoutTheTableTheFamilyRuleStillReportsAlone() {
        Finding f = only(scrub(CmsTables.NONE, lines.line("C1", "2025-02-03", "0856T", 1)),
                Category.ADDON_WITHOUT_PRIMARY);
        assertEquals("AOP-0856T", f.edit().editId());
        assertEquals(List.of(), of(scrub(CmsTables.NONE, lines.line("C1", "2025-02-03", "88185", 1)),
                Category.ADDON_WITHOUT_PRIMARY));
    }

    // Not checked

    @Test
    void withoutLoadedTablesNothingIsReportedAsNotChecked() {
        assertEquals(List.of(), of(scrub(CmsTables.NONE, lines.line("C1", "2025-02-03", "99999", 1)),
                Category.NOT_CHECKED));
    }

    @Test
    void aCodeNoLoadedTableKnowsIsANotice() {
        Finding f = only(scrub(all, lines.line("C1", "2025-02-03", "99999", 1)), Category.NOT_CHECKED);
        assertEquals(Severity.NOTICE, f.severity());
        assertTrue(f.message().contains("the MUE table (no row for the code) and the PTP table (no row for the code)"
                + " and the fee schedule (no row for the code)"), f.message());
    }

    @Test
    void aCodeEveryLoadedTableKnowsIsNotANotice() {
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88305", 1)), Category.NOT_CHECKED));
    }

    @Test
    void aCodeOneLoadedTableKnowsIsNotANotice() {
        // 88307 is in the PTP fixture only: no MUE row means no published MUE, not an unknown code.
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88307", 1)), Category.NOT_CHECKED));
    }

    @Test
    void aDateOfServiceBeforeEveryLoadedTableIsANotice() {
        Finding f = only(scrub(all, lines.line("C1", "2024-12-31", "88305", 1)), Category.NOT_CHECKED);
        assertTrue(f.message().contains("the MUE table (no loaded practitioner table covers 2024-12-31) and the PTP"
                + " table (no loaded practitioner table covers 2024-12-31) and the fee schedule (no loaded PFS file"
                + " covers 2024-12-31)"), f.message());
    }

    @Test
    void onlyTheKindsOfTableLoadedAreReported() throws Exception {
        CmsTables mueOnly = tables(new CmsTableLoader.Request(
                List.of(path("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv")), null, null, null));
        Finding f = only(scrub(mueOnly, lines.line("C1", "2025-02-03", "88307", 1)), Category.NOT_CHECKED);
        assertEquals("88307 on 2025-02-03 was not checked against the MUE table (no row for the code). Check its"
                + " units, pairs and modifiers by hand, or load the CMS table that covers this code and date of"
                + " service.", f.message());
        assertTrue(of(scrub(mueOnly, lines.institutional().line("H1", "2025-02-03", "88305", 1)),
                Category.NOT_CHECKED).get(0).message().contains("no outpatient hospital table loaded"));
    }

    // Fee schedule file driving the modifier edits

    @Test
    void theFeeScheduleFileDrivesTheModifierEditsForCodesNotShipped() {
        only(scrub(all, lines.line("C1", "2025-02-03", "99213", 1, "26")), Category.MODIFIER_NOT_ALLOWED);
        assertEquals(List.of(), of(scrub(CmsTables.NONE, lines.line("C1", "2025-02-03", "99213", 1, "26")),
                Category.MODIFIER_NOT_ALLOWED), "the shipped tables do not know 99213");
        only(scrub(all, lines.line("C1", "2025-02-03", "20610", 1, "62")), Category.MODIFIER_NOT_ALLOWED);
    }

    @Test
    void theFeeScheduleFileWinsOverTheShippedRowOnTheDatesItCovers() {
        // Shipped: 0751T PC/TC 3 (no -26). The made-up fixture says 1 (26 allowed) from 2025-01-01.
        ClaimLine covered = lines.line("C1", "2025-02-03", "0751T", 1, "26");
        assertEquals(List.of(), of(scrub(all, lines.line("C1", "2025-02-03", "88302", 1), covered),
                Category.MODIFIER_NOT_ALLOWED));
        ClaimLine before = lines.line("C2", "2024-12-31", "0751T", 1, "26");
        only(scrub(all, lines.line("C2", "2024-12-31", "88302", 1), before), Category.MODIFIER_NOT_ALLOWED);
    }

    @Test
    void oneBatchSpanningThePfsStartGetsEachDatesRow() {
        // One session, two dates: each line carries its code's row as in force on its own date of service.
        ClaimLine covered = lines.line("C1", "2025-02-03", "0751T", 1, "26");
        ClaimLine before = lines.line("C2", "2024-12-31", "0751T", 1, "26");
        List<Finding> findings = of(scrub(all, lines.line("C1", "2025-02-03", "88302", 1), covered,
                lines.line("C2", "2024-12-31", "88302", 1), before), Category.MODIFIER_NOT_ALLOWED);
        assertEquals(List.of("C2"), findings.stream().map(f -> f.line().claimId()).toList());
    }
}
