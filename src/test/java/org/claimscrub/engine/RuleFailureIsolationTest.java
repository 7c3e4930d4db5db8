package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.cms.CmsTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule that fails on a visit, whatever the way (an exception, an Error, a condition that throws, a loop that
 * never ends in a consequence or an eval, an update without no-loop), costs that visit a SYSTEM finding naming the
 * rule and its file, and never the batch: the other visits are scrubbed.
 */
class RuleFailureIsolationTest {
    /** Short, so that the endless loops cost the test little; the default is a minute. */
    private static final Duration LIMIT = Duration.ofMillis(1_500);

    @TempDir
    Path rules;

    private Scrubber scrubber(String when, String then) throws Exception {
        return new Scrubber(ruleBase(when, then), new ReferenceData(Map.of()), CmsTables.NONE, LIMIT);
    }

    private RuleBase ruleBase(String when, String then) throws Exception {
        Files.writeString(rules.resolve("broken.drl"), """
                package org.claimscrub.rules;
                import org.claimscrub.engine.FindingCollector;
                import org.claimscrub.engine.ServiceLine;
                import org.claimscrub.reference.ReferenceData;
                global FindingCollector findings;
                global ReferenceData reference;
                function boolean spin(String code) { while (code.length() > 0) { } return true; }
                function boolean boom(String code) { throw new IllegalStateException("no rate for " + code); }
                rule "Every 88305 line"
                    @editId("T-OK") @category("DOCUMENTATION")
                when
                    $line : ServiceLine( code == "88305" )
                then
                    findings.raise(kcontext, $line);
                end
                rule "Broken on 0762T"
                    @editId("T-BROKEN") @category("DOCUMENTATION")
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then));
        return new RuleLoader().load(rules);
    }

    /** Two visits (two patients) in one session: the broken rule matches only the second one's 0762T line. */
    private static List<Finding> scrubTwoVisits(Scrubber scrubber) {
        return scrubber.scrubVisits(twoVisits());
    }

    private static List<List<ClaimLine>> twoVisits() {
        return List.of(List.of(Lines.line("88305").claim("GOOD-1", 1).patient("PT-GOOD").build()),
                List.of(Lines.line("88305").claim("BAD-1", 1).patient("PT-BAD").build(),
                        Lines.line("0762T").claim("BAD-1", 2).patient("PT-BAD").build()));
    }

    /**
     * The two visits in sessions of their own: a session past the time limit is abandoned with all its visits
     * (scrubbing each again would cost the limit again).
     */
    private static List<Finding> scrubTwoSessions(Scrubber scrubber) {
        List<Finding> findings = new java.util.ArrayList<>();
        for (List<ClaimLine> visit : twoVisits()) {
            findings.addAll(scrubber.scrubVisits(List.of(visit)));
        }
        return findings;
    }

    private static void assertOnlyTheBadVisitFailed(List<Finding> findings, String error) {
        List<String> edits = findings.stream().map(f -> f.edit().editId() + "@" + f.line().claimId()).toList();
        assertEquals(List.of("SYS-RULE-FAILED@BAD-1", "T-OK@GOOD-1"), edits.stream().sorted().toList(),
                findings.toString());
        String message = findings.stream().filter(f -> f.edit() == Scrubber.RULE_FAILED).findFirst().orElseThrow()
                .message();
        assertTrue(message.contains("rule 'Broken on 0762T' in broken.drl failed with " + error), message);
    }

    @Test
    void aConsequenceStuckInAJavaLoopTimesOutAndTheOtherVisitsAreScrubbed() throws Exception {
        Scrubber scrubber = scrubber("$line : ServiceLine( code == \"0762T\" )", "while (true) { }");
        assertOnlyTheBadVisitFailed(scrubTwoSessions(scrubber),
                "no result within the 1500 ms rule time limit (--rule-timeout)");
        // known stuck now: in a later session the rule is not fired again, and only its visit loses its edits
        List<Finding> later = scrubTwoVisits(scrubber);
        assertOnlyTheBadVisitFailed(later, "no result within the 1500 ms rule time limit (--rule-timeout) on an"
                + " earlier visit, so it was not run on this one");
        assertEquals(List.of(new RuleFailures.Failure("Broken on 0762T", "broken.drl",
                "no result within the 1500 ms rule time limit (--rule-timeout)", 2)), scrubber.failures().all());
    }

    /** Every visit of a session past the limit gets the SYSTEM finding: scrubbing each again costs the limit again. */
    @Test
    void aSessionPastTheTimeLimitGivesEachOfItsVisitsTheSystemFinding() throws Exception {
        Scrubber scrubber = scrubber("$line : ServiceLine( code == \"0762T\" )\n    eval( spin($line.getCode()) )",
                "findings.raise(kcontext, $line);");
        assertEquals(List.of("SYS-RULE-FAILED", "SYS-RULE-FAILED"),
                scrubTwoVisits(scrubber).stream().map(f -> f.edit().editId()).toList());
    }

    @Test
    void anEvalStuckInALoopTimesOutAndIsNamedFromItsThread() throws Exception {
        Scrubber scrubber = scrubber("$line : ServiceLine( code == \"0762T\" )\n    eval( spin($line.getCode()) )",
                "findings.raise(kcontext, $line);");
        assertOnlyTheBadVisitFailed(scrubTwoSessions(scrubber), "no result within the 1500 ms rule time limit");
    }

    @Test
    void anUpdateWithoutNoLoopIsStoppedByTheFiringLimitWithoutWaitingForTheTimeLimit() throws Exception {
        Scrubber scrubber = new Scrubber(ruleBase("$line : ServiceLine( code == \"0762T\" )", "update($line);"),
                new ReferenceData(Map.of()), CmsTables.NONE, Duration.ofHours(1));
        List<Finding> findings = scrubTwoVisits(scrubber);
        assertOnlyTheBadVisitFailed(findings, "more than ");
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("without no-loop")));
    }

    @Test
    void anAssertionErrorOrAStackOverflowIsHandledLikeAnException() throws Exception {
        assertOnlyTheBadVisitFailed(scrubTwoVisits(scrubber("$line : ServiceLine( code == \"0762T\" )",
                "throw new AssertionError(\"units\");")), "java.lang.AssertionError: units");
        assertOnlyTheBadVisitFailed(scrubTwoVisits(scrubber("$line : ServiceLine( code == \"0762T\" )",
                "throw new StackOverflowError();")), "java.lang.StackOverflowError.");
    }

    @Test
    void aConditionThatThrowsNamesItsRule() throws Exception {
        assertOnlyTheBadVisitFailed(scrubTwoVisits(scrubber("$line : ServiceLine( code == \"0762T\", boom(code) )",
                "findings.raise(kcontext, $line);")), "java.lang.IllegalStateException: no rate for 0762T");
        assertOnlyTheBadVisitFailed(scrubTwoVisits(scrubber(
                "$line : ServiceLine( code == \"0762T\" )\n    eval( boom($line.getCode()) )",
                "findings.raise(kcontext, $line);")), "java.lang.IllegalStateException: no rate for 0762T");
    }

    @Test
    void anExceptionMessageQuotingClaimDataIsWithheldAndStderrIsToldOncePerRule() throws Exception {
        Scrubber scrubber = scrubber("$line : ServiceLine( code == \"0762T\" )",
                "throw new IllegalStateException(\"bad line for \" + $line.getLine().patientId());");
        List<Finding> findings = scrubTwoVisits(scrubber);
        scrubTwoVisits(scrubber);
        assertOnlyTheBadVisitFailed(findings, "java.lang.IllegalStateException (message withheld: it quotes claim"
                + " data)");
        assertFalse(findings.stream().anyMatch(f -> f.message().contains("PT-BAD")));
        List<RuleFailures.Failure> failures = scrubber.failures().all();
        assertEquals(List.of(new RuleFailures.Failure("Broken on 0762T", "broken.drl",
                "java.lang.IllegalStateException", 2)), failures);
        assertEquals("rule 'Broken on 0762T' (broken.drl) failed on 2 visit(s): java.lang.IllegalStateException",
                failures.get(0).describe());
    }
}
