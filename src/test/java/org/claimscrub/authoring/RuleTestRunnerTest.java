package org.claimscrub.authoring;

import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleTestRunnerTest {
    private static final String HEADER = "scenario,claim_id,line_number,date_of_service,procedure_code,modifiers,units,"
            + "patient_id,billing_npi,claim_type,type_of_bill,expect\n";
    private static RuleTestRunner runner;
    private static int edits;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        RuleBase rules = new RuleLoader().load(Path.of("rules"));
        ReferenceData reference = new ReferenceDataLoader().load(Path.of("rules", "reference"));
        runner = new RuleTestRunner(rules, reference);
        edits = rules.edits().size();
    }

    private RuleTestRunner.CaseResult run(String rows) throws Exception {
        Path file = dir.resolve("case.csv");
        Files.writeString(file, HEADER + rows);
        return runner.run(RuleTestCase.read(file, "case.csv"));
    }

    @Test
    void passesWhenFindingsAreExactlyTheExpectedOnes() throws Exception {
        RuleTestRunner.CaseResult r = run("""
                add-on alone,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,AOP-0753T CARRIER_PRICED
                quiet,T-2,1,2025-03-11,88305,,1,TP-2,1900000013,professional,,none
                """);
        assertTrue(r.passed(), r.toString());
        assertEquals(Set.of("AOP-0753T", "CPR-C"), r.raised());
    }

    @Test
    void reportsMissingAndUnexpectedFindingsByLine() throws Exception {
        RuleTestRunner.CaseResult r = run("""
                wrong expectation,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,AOU-0753T CPR-C
                the case is about AOP-0753T too,T-2,1,2025-03-11,0753T,,1,TP-2,1900000013,professional,,AOP-0753T CPR-C
                """);
        assertFalse(r.passed());
        assertEquals(List.of("missing:    claim T-1 line 1: AOU-0753T expected, not raised"),
                r.missing().stream().map(Object::toString).toList());
        assertEquals(1, r.unexpected().size());
        assertTrue(r.unexpected().get(0).toString().startsWith("unexpected: claim T-1 line 1: AOP-0753T"
                + " (ADDON_WITHOUT_PRIMARY, rule \"0753T without 88305\"): 0753T"), r.unexpected().toString());
    }

    @Test
    void editsTheCaseDoesNotNameAreNotItsBusiness() throws Exception {
        // CPR-C fires on the add-on line too; the case is about AOP-0753T alone
        RuleTestRunner.CaseResult r = run("""
                add-on alone,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,AOP-0753T
                with its primary,T-2,1,2025-03-11,88305,,1,TP-2,1900000013,professional,,none
                ,T-2,2,2025-03-11,0753T,,1,TP-2,1900000013,professional,,none
                """);
        assertTrue(r.passed(), r.toString());
        assertEquals(Set.of("AOP-0753T"), r.raised());
    }

    @Test
    void aLineMarkedExactGetsExactlyWhatItLists() throws Exception {
        Path file = dir.resolve("exact.csv");
        Files.writeString(file, HEADER.replace(",expect\n", ",expect,match\n")
                + "add-on alone,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,AOP-0753T,exact\n"
                + "not exact,T-2,1,2025-03-11,0753T,,1,TP-2,1900000013,professional,,AOP-0753T,\n");
        RuleTestRunner.CaseResult r = runner.run(RuleTestCase.read(file, "exact.csv"));
        assertFalse(r.passed());
        assertEquals(1, r.unexpected().size(), r.unexpected().toString());
        assertTrue(r.unexpected().get(0).toString().startsWith("unexpected: claim T-1 line 1: CPR-C"),
                r.unexpected().toString());
    }

    @Test
    void aCaseOfNoneEverywhereSaysNothingFires() throws Exception {
        RuleTestRunner.CaseResult r = run("""
                add-on alone,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,none
                """);
        assertFalse(r.passed());
        assertEquals(2, r.unexpected().size(), r.unexpected().toString());
    }

    @Test
    void anEmptyExpectCellOrUnknownTokenIsACaseProblem() throws Exception {
        RuleTestRunner.CaseResult r = run("""
                ,T-1,1,2025-03-11,88305,,1,TP-1,1900000013,professional,,
                ,T-2,1,2025-03-11,88305,,1,TP-2,1900000013,professional,,AOP-075T
                """);
        assertFalse(r.passed());
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).endsWith("line 2, field expect: empty; write the edit ids or categories"
                + " expected on this line, or none"), r.problems().get(0));
        assertTrue(r.problems().get(1).contains("'AOP-075T' is neither an edit id"), r.problems().get(1));
    }

    @Test
    void aCaseAboutDisabledEditsOnlyIsSkippedAndOtherwiseTheirExpectationsAreSetAside(@TempDir Path rules)
            throws Exception {
        Path copy = TestRulesFolder.copyOfShipped(rules);
        Path cpr = copy.resolve("policy/carrier-priced.drl");
        Files.writeString(cpr, Files.readString(cpr).replace("rule \"Carrier-priced code on a professional claim\"\n",
                "rule \"Carrier-priced code on a professional claim\"\n    @disabled(\"for the test\")\n"));
        RuleTestRunner disabled = new RuleTestRunner(new RuleLoader().load(copy),
                new ReferenceDataLoader().load(copy.resolve("reference")));
        Files.writeString(dir.resolve("case.csv"), HEADER
                + "x,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,CPR-C\n");
        RuleTestRunner.CaseResult skipped = disabled.run(RuleTestCase.read(dir.resolve("case.csv"), "case.csv"));
        assertEquals(java.util.Optional.of("every edit it names is disabled: CPR-C"), skipped.skipped());
        Files.writeString(dir.resolve("case.csv"), HEADER
                + "x,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,AOP-0753T CPR-C\n");
        RuleTestRunner.CaseResult mixed = disabled.run(RuleTestCase.read(dir.resolve("case.csv"), "case.csv"));
        assertTrue(mixed.passed() && !mixed.isSkipped(), mixed.toString());
        assertEquals(Set.of("CPR-C"), mixed.setAside());
    }

    @Test
    void aRuleNoCaseFiresIsUntested() throws Exception {
        Files.writeString(dir.resolve("only.csv"), HEADER
                + "x,T-1,1,2025-03-11,0753T,,1,TP-1,1900000013,professional,,AOP-0753T CPR-C\n");
        RuleTestRunner.SuiteResult suite = runner.runAll(dir);
        assertEquals(1, suite.cases().size());
        assertTrue(suite.cases().get(0).passed());
        assertFalse(suite.passed());
        assertEquals(edits - 2, suite.untested().size(), "all but the two edits the case raises");
        assertFalse(suite.untested().stream().anyMatch(e -> e.editId().equals("AOP-0753T")));
    }
}
