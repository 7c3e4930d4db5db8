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
                """);
        assertFalse(r.passed());
        assertEquals(List.of("missing:    claim T-1 line 1: AOU-0753T expected, not raised"),
                r.missing().stream().map(Object::toString).toList());
        assertEquals(1, r.unexpected().size());
        assertTrue(r.unexpected().get(0).toString().startsWith("unexpected: claim T-1 line 1: AOP-0753T"
                + " (ADDON_WITHOUT_PRIMARY, rule \"0753T without 88305\"): 0753T"), r.unexpected().toString());
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
