package org.claimscrub.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.claimscrub.cli.BatchFixtures.SAMPLES;
import static org.claimscrub.cli.BatchFixtures.copyOfRules;
import static org.claimscrub.cli.BatchFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule that fails in a real run (an Error, an endless loop): exit 7 with a SYSTEM finding on the visits it cost,
 * the rest of the batch scrubbed, and stderr told once per rule, without the Error's message.
 */
class RuleFailureRunTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @TempDir
    Path tmp;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
    }

    private Path rulesWith(String then) throws IOException {
        Path rules = copyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("policy/fails-on-add-ons.drl"), """
                package org.claimscrub.rules;
                import org.claimscrub.engine.ServiceLine;
                rule "Test rule that fails on 0762T and 0753T"
                    @editId("TEST-FAILS") @category("DOCUMENTATION")
                when
                    $line : ServiceLine( code == "0762T" || code == "0753T" )
                then
                    %s
                end
                """.formatted(then));
        return rules;
    }

    @Test
    void anAssertionErrorIsExitSevenWithSystemFindingsAndOneStderrLineWithoutItsMessage() throws IOException {
        Path out = tmp.resolve("out");
        int exit = Main.run("scrub", "--quiet", "--rules", rulesWith(
                        "throw new AssertionError(\"patient \" + $line.getLine().patientId());").toString(),
                "--out", out.toString(), SAMPLES.resolve("lab-week.csv").toString());
        assertEquals(ExitCode.RULE_FAILED.code(), exit, err.toString(StandardCharsets.UTF_8));
        String findings = read(out.resolve("findings.csv"));
        assertTrue(findings.contains("LW25-0002,1,88344,,2025-03-10,SYS-RULE-FAILED,SYSTEM,ERROR,"), findings);
        assertTrue(findings.contains("in policy/fails-on-add-ons.drl failed with java.lang.AssertionError"));
        String stderr = err.toString(StandardCharsets.UTF_8);
        long lines = stderr.lines().filter(l -> l.contains("Test rule that fails on 0762T and 0753T")).count();
        assertEquals(1, lines, stderr);
        assertTrue(stderr.matches("(?s).*rule 'Test rule that fails on 0762T and 0753T'"
                + " \\(policy/fails-on-add-ons.drl\\) failed on \\d+ visit\\(s\\): java.lang.AssertionError;.*"), stderr);
        assertFalse(stderr.contains("patient"), "an Error's message never reaches stderr");
    }

    @Test
    void aRuleStuckInALoopIsAbandonedAfterTheRuleTimeoutAndTheBatchEnds() throws IOException {
        Path out = tmp.resolve("out");
        int exit = Main.run("scrub", "--quiet", "--rule-timeout", "1s", "--threads", "2", "--rules",
                rulesWith("while (true) { }").toString(), "--out", out.toString(),
                SAMPLES.resolve("lab-week.csv").toString());
        assertEquals(ExitCode.RULE_FAILED.code(), exit);
        String findings = read(out.resolve("findings.csv"));
        assertTrue(findings.contains("no result within the 1 s rule time limit (--rule-timeout)"), findings);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no result within the 1 s rule time limit"));
    }

    @Test
    void aBadRuleTimeoutIsAUsageError() {
        assertEquals(ExitCode.USAGE.code(), Main.run("scrub", "--rule-timeout", "0s", "x.csv"));
        assertEquals(ExitCode.USAGE.code(), Main.run("scrub", "--rule-timeout", "soon", "x.csv"));
    }
}
