package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.claimscrub.cli.BatchFixtures.HEADER;
import static org.claimscrub.cli.BatchFixtures.SAMPLES;
import static org.claimscrub.cli.BatchFixtures.copyOfRules;
import static org.claimscrub.cli.BatchFixtures.line;
import static org.claimscrub.cli.BatchFixtures.read;
import static org.claimscrub.cli.BatchFixtures.scrub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every exit code a scheduler can see, each from the situation it names. */
class ExitCodeTest {
    @TempDir
    Path tmp;

    @Test
    void okWhenNothingReachesTheFailOnSeverity() throws IOException {
        Path input = tmp.resolve("notices-only.csv");
        Files.write(input, List.of(HEADER, line("OK-1", 1, "88305", 1, "PT6001"), line("OK-1", 2, "0753T", 1,
                "PT6001")));
        Path out = tmp.resolve("out");
        assertEquals(ExitCode.OK.code(), scrub("--out", out.toString(), input.toString()));
        assertTrue(read(out.resolve("notices.csv")).contains(",CARRIER_PRICED,NOTICE,"), "notices do not fail");
        assertTrue(read(out.resolve("run.json")).contains("\"exit_code\": 0,"));
    }

    @Test
    void findingsWhenErrorsOrWithFailOnWarningWarningsAreFound() {
        String lab = SAMPLES.resolve("lab-week.csv").toString();
        String review = SAMPLES.resolve("modifier-review.csv").toString();
        assertEquals(ExitCode.FINDINGS.code(), scrub("--out", tmp.resolve("a").toString(), lab));
        assertEquals(ExitCode.OK.code(), scrub("--fail-on", "none", "--out", tmp.resolve("b").toString(), lab));
        assertEquals(ExitCode.OK.code(), scrub("--fail-on", "error", "--out", tmp.resolve("c").toString(), review));
        assertEquals(ExitCode.FINDINGS.code(), scrub("--fail-on", "warning", "--out", tmp.resolve("d").toString(),
                review));
    }

    @Test
    void usageForABadCommandLine() {
        assertEquals(ExitCode.USAGE.code(), Main.run("scrub"));
        assertEquals(ExitCode.USAGE.code(), Main.run("scrub", "--format", "xml", "x.csv"));
        assertEquals(ExitCode.USAGE.code(), scrub("--threads", "0", "--out", tmp.toString(), "x.csv"));
    }

    @Test
    void inputWhenAFileCannotBeReadAndNothingIsWritten() {
        Path out = tmp.resolve("out");
        assertEquals(ExitCode.INPUT.code(), scrub("--out", out.toString(), tmp.resolve("missing.csv").toString()));
        assertFalse(Files.exists(out.resolve("run.json")));
        assertFalse(Files.exists(out.resolve("findings.csv")));
    }

    @Test
    void rulesWhenARuleDoesNotCompile() throws IOException {
        Path rules = copyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("policy/broken.drl"), "package org.claimscrub.rules;\nrule \"x\" when then");
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "--quiet", "--rules", rules.toString(), "--out",
                tmp.resolve("out").toString(), SAMPLES.resolve("clean-batch.csv").toString()));
    }

    @Test
    void referenceDataWhenATableIsMalformed() throws IOException {
        Path rules = copyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("reference/opps-status.csv"), "code,status_indicator\n9999X,N\n");
        assertEquals(ExitCode.REFERENCE_DATA.code(), Main.run("scrub", "--quiet", "--rules", rules.toString(),
                "--out", tmp.resolve("out").toString(), SAMPLES.resolve("clean-batch.csv").toString()));
    }

    @Test
    void outputWhenTheReportFolderCannotBeWritten() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(ExitCode.OUTPUT.code(), scrub("--out", notAFolder.toString(),
                SAMPLES.resolve("clean-batch.csv").toString()));
    }

    /** A rule that throws on one visit: that visit gets a SYSTEM finding, every other visit is scrubbed. */
    @Test
    void ruleFailedWhenARuleThrowsAndTheBatchGoesOn() throws IOException {
        Path rules = copyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("policy/throws-on-0762T.drl"), """
                package org.claimscrub.rules;
                import org.claimscrub.engine.ServiceLine;
                rule "Test rule that throws on 0762T"
                    @editId("TEST-THROWS") @category("DOCUMENTATION")
                when
                    $line : ServiceLine( code == "0762T" )
                then
                    throw new IllegalStateException("made-up failure for claim " + $line.getClaimId());
                end
                """);
        Path out = tmp.resolve("out");
        assertEquals(ExitCode.RULE_FAILED.code(), Main.run("scrub", "--quiet", "--rules", rules.toString(),
                "--out", out.toString(), SAMPLES.resolve("lab-week.csv").toString()));
        String findings = read(out.resolve("findings.csv"));
        assertTrue(findings.contains("LW25-0002,1,88344,,2025-03-10,SYS-RULE-FAILED,SYSTEM,ERROR,"), findings);
        assertTrue(findings.contains("rule 'Test rule that throws on 0762T' in policy/throws-on-0762T.drl failed with"
                + " java.lang.IllegalStateException (message withheld: it quotes claim data)"), findings);
        assertFalse(findings.contains("made-up failure"), "exception messages may hold claim data");
        String notices = read(out.resolve("notices.csv"));
        assertFalse(notices.contains("LW25-0002,2,0762T,,2025-03-10,CPR-C"), "the failed visit has no other edit");
        assertTrue(notices.contains("LW25-0001,2,0753T,,2025-03-10,CPR-C,"), "other visits are scrubbed");
        assertTrue(read(out.resolve("run.json")).contains("\"exit_name\": \"RULE_FAILED\""));
    }
}
