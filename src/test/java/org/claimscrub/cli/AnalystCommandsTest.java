package org.claimscrub.cli;

import org.claimscrub.authoring.TestRulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analyst commands end to end through Main.run: output and exit codes. */
class AnalystCommandsTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private String out() {
        return console.out();
    }

    @Test
    void validateShippedRulesExitsZero() {
        assertEquals(0, Main.run("rules", "validate", "--rules", "rules"));
        assertTrue(out().matches("(?s).*OK: rules: \\d+ edits, no problems.*"), out());
    }

    @Test
    void validateBrokenRulesPointsAtTheLineAndExitsFour() throws Exception {
        Path rules = TestRulesFolder.with(dir, "package org.claimscrub.rules;\nrule \"x\"\nwhen\n  $a : Foo(\nthen\nend\n");
        assertEquals(ExitCode.RULES.code(), Main.run("rules", "validate", "--rules", rules.toString()));
        assertTrue(out().contains(rules.resolve("families/test.drl") + ":6:1: "), out());
        assertFalse(out().contains("null Package"), out());
    }

    @Test
    void aMissingRulesFolderIsReportedNotACrash() {
        assertEquals(ExitCode.RULES.code(), Main.run("rules", "validate", "--rules", dir.resolve("none").toString()));
        assertEquals(ExitCode.RULES.code(), Main.run("rules", "test", "--rules", dir.resolve("none").toString()));
        assertTrue(console.err().contains("rules folder not found"));
    }

    @Test
    void rulesWithoutASubcommandShowsUsage() {
        assertEquals(ExitCode.USAGE.code(), Main.run("rules"));
        assertTrue(console.err().contains("Usage: claimscrub rules"));
    }

    @Test
    void testRunsTheShippedCasesAndExitsZero() {
        assertEquals(0, Main.run("rules", "test", "--rules", "rules"));
        assertTrue(out().contains("passed, 0 failed"), out());
        assertTrue(out().matches("(?s).*Coverage: every enabled rule fires in at least one case \\(\\d+ rules\\)\\..*"),
                out());
    }

    @Test
    void testPrintsTheDiffOfAFailingCaseAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("wrong.csv"), "claim_id,line_number,date_of_service,procedure_code,units,"
                + "patient_id,billing_npi,expect\nW-1,1,2025-03-11,0753T,1,TP-1,1900000013,none\n");
        assertEquals(1, Main.run("rules", "test", "--rules", "rules", "--tests", dir.toString()));
        String text = out();
        assertTrue(text.contains("FAIL  wrong.csv"), text);
        assertTrue(text.contains("unexpected: claim W-1 line 1: AOP-0753T"), text);
        assertTrue(text.contains("1 case(s) in " + dir + ": 0 passed, 1 failed"), text);
        assertTrue(text.matches("(?s).*Coverage: \\d+ rule\\(s\\) fire in no case.*"), text);
    }

    @Test
    void catalogWritesMarkdownAndHtml() throws Exception {
        assertEquals(0, Main.run("rules", "catalog", "--rules", "rules", "--out", dir.toString()));
        assertEquals(Files.readString(Path.of("docs", "edit-catalog.md")), Files.readString(dir.resolve("edit-catalog.md")));
        assertTrue(Files.readString(dir.resolve("edit-catalog.html")).contains("AOP-0753T"));
    }

    @Test
    void explainShowsTheCrossClaimPrimaryAndNeverThePatient() {
        assertEquals(0, Main.run("explain", "UOP-01", "--input", "claims-samples/addon-units-over-primary.csv",
                "--rules", "rules"));
        String text = out();
        assertTrue(text.contains("rule \"0753T units over 88305\" (AOU-0753T, families/surgical-pathology.drl:"), text);
        assertTrue(text.contains("same visit: claim UOP-01 line 1: 88305, 2 unit(s)"), text);
        assertTrue(text.contains("visitUnits(primaryOf0753T()) < codeUnits"), text);
        assertFalse(text.contains("PT2"), "no patient id: " + text);
    }

    @Test
    void explainListsTheRulesAboutTheClaimsCodesThatDidNotFire() {
        assertEquals(0, Main.run("explain", "OTH-02", "--input", "claims-samples/addon-primary-other-claim.csv",
                "--rules", "rules"));
        String text = out();
        assertTrue(text.contains("Rules about 0753T that did not fire on this claim"), text);
        assertTrue(text.contains("rule \"0753T without 88305\" (AOP-0753T, families/surgical-pathology.drl:"), text);
        assertFalse(text.contains("rule \"0751T without"), text);
    }

    @Test
    void explainReadsAnX12FileAsScrubDoes() {
        assertEquals(0, Main.run("explain", "LW25-0008", "--input", "claims-samples/lab-monday.837",
                "--rules", "rules"));
        String text = out();
        assertTrue(text.contains("(MOD-TC, policy/modifiers.drl:"), text);
    }

    @Test
    void explainReadsAnExportWithTheColumnsAndEncodingScrubTakes() throws Exception {
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(
                Path.of("claims-samples/addon-units-over-primary.csv")));
        rows.set(0, rows.get(0).replace("procedure_code", "Proc Cd"));
        Path export = dir.resolve("export-latin1.csv");
        // another claim whose id has a Latin-1 byte: not UTF-8, so the run stops unless the encoding is given
        rows.add("CAF\u00c9-1,1,2025-03-11,88305,,1,PT1,1900000013,,professional,,81,,,");
        Files.write(export, (String.join("\n", rows) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(ExitCode.INPUT.code(), Main.run("explain", "UOP-01", "--input", export.toString(),
                "--rules", "rules"));
        assertEquals(ExitCode.OK.code(), Main.run("explain", "UOP-01", "--input", export.toString(),
                "--rules", "rules", "--column", "procedure_code=Proc Cd", "--encoding", "ISO-8859-1"));
        assertTrue(out().contains("(AOU-0753T, families/surgical-pathology.drl:"), out());
        assertEquals(ExitCode.USAGE.code(), Main.run("explain", "UOP-01", "--input", export.toString(),
                "--rules", "rules", "--encoding", "klingon-8"));
    }

    @Test
    void explainAnUnknownClaimIsAUsageError() {
        assertEquals(ExitCode.USAGE.code(), Main.run("explain", "NOPE", "--input",
                "claims-samples/addon-units-over-primary.csv", "--rules", "rules"));
    }

    @Test
    void scrubAppliesOverridesAndReportsBypassedFindings() throws Exception {
        Path report = dir.resolve("report");
        assertEquals(0, Main.run("scrub", "claims-samples/payer-overrides.csv", "--rules", "rules",
                "--overrides", "claims-samples/overrides-example.csv", "--out", report.toString()));
        List<String> rows = Files.readAllLines(report.resolve("findings.csv"));
        assertTrue(rows.get(0).endsWith(",input_file,input_line,status,override_reason,billing_npi,payer_id,charge"),
                rows.get(0));
        List<String> notices = Files.readAllLines(report.resolve("notices.csv"));
        assertTrue(notices.stream().anyMatch(r -> r.startsWith("POV-02,2,") && r.contains("AOPC-0753T")
                && r.contains(",bypassed,Made-up example: ACME Health")), "a bypassed finding blocks nothing: "
                + String.join("\n", notices));
        assertTrue(rows.stream().noneMatch(r -> r.contains(",bypassed,")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("POV-03,2,") && r.contains(",WARNING,")
                && r.contains(",adjusted,")), String.join("\n", rows));
        assertTrue(out().contains("Bypassed: 1 finding turned off by overrides"), out());
    }

    @Test
    void scrubRejectsABadOverridesFile() throws Exception {
        Path bad = dir.resolve("o.csv");
        Files.writeString(bad, "edit,action\n");
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "claims-samples/payer-overrides.csv", "--rules",
                "rules", "--overrides", bad.toString(), "--out", dir.resolve("r").toString()));
        assertTrue(console.err().contains("line 1: missing column 'severity'"));
    }
}
