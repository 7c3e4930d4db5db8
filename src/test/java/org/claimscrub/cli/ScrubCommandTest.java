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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of `claimscrub scrub`, and that a failed run writes nothing. */
class ScrubCommandTest {
    private static final String SAMPLE = "claims-samples/lab-week.csv";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path out() {
        return tmp.resolve("report");
    }

    @Test
    void cleanBatchExitsZero() {
        assertEquals(0, Main.run("scrub", "--out", out().toString(), "claims-samples/clean-batch.csv"));
        assertTrue(Files.exists(out().resolve("findings.csv")));
    }

    @Test
    void errorsFoundExitOneAndFailOnChoosesTheThreshold() {
        assertEquals(1, Main.run("scrub", "--out", out().toString(), SAMPLE));
        assertEquals(0, Main.run("scrub", "--out", out().toString(), "--fail-on", "none", SAMPLE));
        assertEquals(1, Main.run("scrub", "--out", out().toString(), "--fail-on", "warning",
                "claims-samples/modifier-review.csv"));
        assertEquals(0, Main.run("scrub", "--out", out().toString(), "--fail-on", "error",
                "claims-samples/modifier-review.csv"));
    }

    @Test
    void rulesThatDoNotCompileStopTheRunBeforeAnyOutputNamingFileAndLine() throws IOException {
        Path rules = BatchFixtures.copyOfRules(tmp.resolve("rules"));
        Path family = rules.resolve("families/electron-microscopy.drl");
        Files.writeString(family, Files.readString(family).replace("code == \"0856T\", !visitBills", "code == \"0856T\" !visitBills"));
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "--rules", rules.toString(), "--out", out().toString(),
                SAMPLE));
        assertFalse(Files.exists(out()), "no report folder after a failed compile");
        List<String> text = Files.readAllLines(family);
        int broken = 1 + text.indexOf(text.stream().filter(l -> l.contains("\"0856T\" !visitBills")).findFirst()
                .orElseThrow());
        assertTrue(stderr().contains(family + ":" + broken + ":"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace");
    }

    @Test
    void aRuleWithoutItsEditIdIsRejectedWithItsLine() throws IOException {
        Path rules = BatchFixtures.copyOfRules(tmp.resolve("rules"));
        Path policy = rules.resolve("policy/carrier-priced.drl");
        Files.writeString(policy, Files.readString(policy).replace("@editId(\"CPR-C\") ", ""));
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "--rules", rules.toString(), "--out", out().toString(),
                SAMPLE));
        assertTrue(stderr().contains(policy + ":17:1: rule \"Carrier-priced code on a professional claim\": rule"
                + " needs an @editId"), stderr());
    }

    @Test
    void aRuleMatchingCodeReferenceFactsIsRejectedSinceNoneAreInserted() throws IOException {
        Path rules = BatchFixtures.copyOfRules(tmp.resolve("rules"));
        Path policy = rules.resolve("policy/carrier-priced.drl");
        Files.writeString(policy, Files.readString(policy).replace("import org.claimscrub.engine.ServiceLine;",
                "import org.claimscrub.engine.ServiceLine;\nimport org.claimscrub.reference.CodeReference;")
                + "\nrule \"Old-style join\"\n    @editId(\"OLD-JOIN\") @category(\"CARRIER_PRICED\")\nwhen\n"
                + "    $line : ServiceLine()\n    not CodeReference( code == $line.code )\nthen\n"
                + "    findings.raise(kcontext, $line);\nend\n");
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "--rules", rules.toString(), "--out", out().toString(),
                SAMPLE));
        assertTrue(stderr().contains("rule \"Old-style join\": rule matches CodeReference facts"), stderr());
        assertFalse(Files.exists(out()), "nothing written");
    }

    @Test
    void aReusedEditIdIsRejected() throws IOException {
        Path rules = BatchFixtures.copyOfRules(tmp.resolve("rules"));
        Path policy = rules.resolve("policy/carrier-priced.drl");
        Files.writeString(policy, Files.readString(policy).replace("@editId(\"CPR-C\")", "@editId(\"DUP-LINE\")"));
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "--rules", rules.toString(), "--out", out().toString(),
                SAMPLE));
        assertTrue(stderr().contains("edit id DUP-LINE is already used by rule"), stderr());
    }

    @Test
    void malformedReferenceTableStopsTheRunNamingFileLineAndField() throws IOException {
        Path rules = BatchFixtures.copyOfRules(tmp.resolve("rules"));
        Path fees = rules.resolve("reference/fee-schedule.csv");
        Files.writeString(fees, Files.readString(fees).replaceFirst("0751T,C,3,", "0751T,C,Q,"));
        assertEquals(ExitCode.REFERENCE_DATA.code(), Main.run("scrub", "--rules", rules.toString(), "--out",
                out().toString(), SAMPLE));
        assertTrue(stderr().contains("fee-schedule.csv line 2, field pctc_indicator: unknown PC/TC indicator 'Q'"),
                stderr());
        assertFalse(Files.exists(out()));
    }

    @Test
    void unreadableInputStopsTheRunBeforeAnyOutput() throws IOException {
        Path noHeader = tmp.resolve("no-header.csv");
        Files.writeString(noHeader, "C1,1,2025-03-10,88305,,1\n");
        assertEquals(ExitCode.INPUT.code(), Main.run("scrub", "--out", out().toString(), noHeader.toString()));
        assertTrue(stderr().contains("no-header.csv line 1: missing required column(s)"), stderr());
        assertEquals(ExitCode.INPUT.code(), Main.run("scrub", "--out", out().toString(), "missing.csv"));
        assertFalse(Files.exists(out()));
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(ExitCode.USAGE.code(), Main.run("scrub"));
        assertEquals(ExitCode.USAGE.code(), Main.run("scrub", "--fail-on", "sometimes", SAMPLE));
    }

    @Test
    void theReportNeverNamesAPatient() throws IOException {
        Main.run("scrub", "--out", out().toString(), SAMPLE);
        for (String file : new String[] {"findings.csv", "summary.txt"}) {
            assertFalse(Files.readString(out().resolve(file)).contains("PT1"), file);
        }
    }
}
