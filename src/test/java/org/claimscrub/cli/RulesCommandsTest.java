package org.claimscrub.cli;

import org.claimscrub.authoring.TestRulesFolder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules test on a changed copy of the rules, and rules diff against its golden output. */
class RulesCommandsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/rules-diff");
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private String out() {
        return console.out();
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void disablingTheCarrierPricedRuleSkipsItsCaseAndEveryOtherCaseStillPasses() throws Exception {
        Path copy = TestRulesFolder.copyOfShipped(dir.resolve("rules"));
        edit(copy.resolve("policy/carrier-priced.drl"), "rule \"Carrier-priced code on a professional claim\"\n",
                "rule \"Carrier-priced code on a professional claim\"\n    @disabled(\"payer prices it\")\n");
        assertEquals(0, Main.run("rules", "test", "--rules", copy.toString()), out());
        assertTrue(out().contains("SKIP  policy/carrier-priced.csv"), out());
        assertTrue(out().matches("(?s).*: \\d+ passed, 0 failed, 1 skipped.*"), out());
    }

    @Test
    void chosenCasesRunAlone() {
        assertEquals(0, Main.run("rules", "test", "--rules", "rules", "-v", "0856T", "policy/mue.csv"), out());
        assertTrue(out().contains("2 case(s) in rules/tests: 2 passed"), out());
        assertTrue(out().contains("Coverage: not checked"), out());
        assertEquals(ExitCode.USAGE.code(), Main.run("rules", "test", "--rules", "rules", "9999T"));
    }

    /** The README's walk-through: a units rule that says <= instead of < adds AOU-0753T where units are equal. */
    @Test
    void diffOfOneChangedRuleReportsExactlyTheFindingsThatChange() throws Exception {
        Path copy = TestRulesFolder.copyOfShipped(dir.resolve("candidate"));
        edit(copy.resolve("families/surgical-pathology.drl"), "visitUnits(primaryOf0753T()) < codeUnits",
                "visitUnits(primaryOf0753T()) <= codeUnits");
        Path report = dir.resolve("diff");
        assertEquals(ExitCode.FINDINGS.code(), Main.run("rules", "diff", "--rules", "rules", "--candidate",
                copy.toString(), "--out", report.toString(), "claims-samples/lab-week.csv"));
        for (String file : new String[] {RulesDiffCommand.DETAIL_FILE, RulesDiffCommand.CLAIMS_FILE}) {
            assertEquals(Files.readString(GOLDEN.resolve(file)), Files.readString(report.resolve(file)),
                    file + " differs from " + GOLDEN.resolve(file));
        }
        assertTrue(out().contains("46 added, 0 removed, 0 changed"), out());
        assertTrue(out().contains("AOU-0753T"), out());
        assertTrue(Files.readString(report.resolve(RulesDiffCommand.HTML_FILE)).contains("<section id=\"rules-diff\">"));
        assertTrue(Files.list(report).noneMatch(p -> p.getFileName().toString().startsWith(".claimscrub")));
    }

    @Test
    void aCandidateCanBeAGitRevisionOfTheRulesFolder() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of(".git")), "not a git work tree: --candidate-rev not tested");
        int exit = Main.run("rules", "diff", "--candidate-rev", "HEAD", "--out", dir.toString(),
                "claims-samples/lab-week.csv");
        assertTrue(exit == 0 || exit == 1, "exit " + exit + ": " + out());
        assertTrue(out().contains("rules at HEAD"), out());
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().startsWith(".claimscrub")));
        assertEquals(ExitCode.RULES.code(), Main.run("rules", "diff", "--candidate-rev", "no-such-revision",
                "--out", dir.toString(), "claims-samples/lab-week.csv"));
        assertEquals(ExitCode.USAGE.code(), Main.run("rules", "diff", "--out", dir.toString(),
                "claims-samples/lab-week.csv"));
    }

    @Test
    void diffOfTheSameRulesChangesNothingAndExitsZero() {
        assertEquals(0, Main.run("rules", "diff", "--candidate", "rules", "--out", dir.toString(),
                "claims-samples/lab-week.csv"));
        assertTrue(out().contains("No change"), out());
    }
}
