package org.claimscrub.authoring;

import org.claimscrub.engine.RuleProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleValidatorTest {
    static final String HEADER = """
            /*
             * Test family: made-up rules for the validator tests.
             *
             * Sources: none, made up for tests.
             * Effective: never.
             */
            package org.claimscrub.rules;

            import org.claimscrub.engine.ServiceLine;

            """;

    @TempDir
    Path folder;

    static String addonRule(String metadata, String consequence) {
        return "rule \"9999T without 88305\"\n    " + metadata + "\nwhen\n"
                + "    $addon : ServiceLine( code == \"9999T\" )\n"
                + "    not      ServiceLine( code == \"88305\", visit == $addon.visit )\nthen\n    "
                + consequence + "\nend\n";
    }

    private List<String> problems(String family) throws IOException {
        return new RuleValidator().validate(TestRulesFolder.with(folder, family)).problems().stream()
                .map(RuleProblem::toString).map(p -> p.replace(folder + "/", "")).toList();
    }

    @Test
    void shippedRulesAreClean() throws IOException {
        RuleValidator.Result result = new RuleValidator().validate(Path.of("rules"));
        assertTrue(result.clean(), result.problems().toString());
        assertTrue(result.ruleBase().orElseThrow().edits().size() > 43 * 3, "every family and policy edit loaded");
    }

    @Test
    void wellFormedRuleIsClean() throws IOException {
        assertEquals(List.of(), problems(HEADER + addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");")));
    }

    @Test
    void parseErrorPointsAtLineAndColumnWithoutTheNullPackageEcho() throws IOException {
        String broken = HEADER + addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");").replace("\"9999T\" )", "\"9999T\"");
        List<String> problems = problems(broken);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("families/test.drl:15:5: "), problems.get(0));
    }

    @Test
    void unknownPropertyPointsAtItsColumn() throws IOException {
        String broken = HEADER + addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");").replaceFirst("\\( code ==", "( cod ==");
        List<String> problems = problems(broken);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("families/test.drl:14:27: Unable to Analyse Expression cod == \"9999T\":"
                + " unable to resolve method using strict-mode: org.claimscrub.engine.ServiceLine.cod()"),
                problems.get(0));
    }

    @Test
    void metadataProblemsAreAllReportedAtOnce() throws IOException {
        List<String> problems = problems(HEADER
                + addonRule("@editID(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMRY\") @severity(\"FATAL\")",
                        "findings.raise(kcontext, $addon, \"primary\", \"88305\");"));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown metadata @editID")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("needs an @editId")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown @category \"ADDON_WITHOUT_PRIMRY\"")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/test.drl:12:")
                && p.contains("unknown @severity \"FATAL\"")), problems.toString());
    }

    @Test
    void duplicateEditIdIsAnError() throws IOException {
        String rule = addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");");
        List<String> problems = problems(HEADER + rule + "\n" + rule.replace("9999T without", "9999T also without"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("edit id AOP-9999T is already used"), problems.get(0));
    }

    /** Every kind of problem at once, across files: none hides another, each is located in its file. */
    @Test
    void everyProblemOfEveryFileIsReportedInOnePass() throws IOException {
        String good = "findings.raise(kcontext, $addon, \"primary\", \"88305\");";
        TestRulesFolder.with(folder, HEADER
                // a typo on the right-hand side of a comparison, and a missing @editId, in one rule
                + addonRule("@category(\"ADDON_UNITS_EXCEED_PRIMARY\")", good)
                        .replace("code == \"9999T\" )", "code == \"9999T\", units > codeUnitz )")
                + "\n" + addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")",
                        "findings.raise(kcontext, $addon);").replace("9999T without", "9999T also without"));
        Files.writeString(folder.resolve("families/other.drl"), HEADER
                + addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARI\")", good)
                        .replace("9999T without", "9999T other")
                + "\n" + addonRule("@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")", good)
                        .replace("9999T without", "9999T third"));
        List<String> problems = new RuleValidator().validate(folder).problems().stream().map(RuleProblem::toString)
                .map(p -> p.replace(folder + "/", "")).toList();
        String all = String.join("\n", problems);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/test.drl:14:") && p.contains("codeUnitz")),
                all);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/test.drl:11:")
                && p.contains("needs an @editId")), all);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/test.drl:") && p.contains("uses {primary}")),
                all);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/other.drl:12:")
                && p.contains("unknown @category \"ADDON_WITHOUT_PRIMARI\"")), all);
        // files in path order: other.drl's rule had the id first
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/test.drl:21:5:")
                && p.contains("edit id AOP-9999T is already used by rule \"9999T third 88305\"")), all);
        assertTrue(problems.stream().noneMatch(p -> p.contains(":-1:") || p.contains(":0:0:")), all);
    }

    @Test
    void metadataIsCheckedInAFileThatDoesNotParse() throws IOException {
        List<String> problems = problems(HEADER + addonRule("@editID(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");").replace("\"9999T\" )", "\"9999T\""));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("families/test.drl:15:5: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown metadata @editID")), problems.toString());
    }

    @Test
    void placeholderNoRuleFillsIsAnError() throws IOException {
        List<String> problems = problems(HEADER + addonRule(
                "@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")", "findings.raise(kcontext, $addon);"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("uses {primary} but findings.raise never passes \"primary\""));
    }

    @Test
    void missingHeaderAndSilentRuleAreWarnings() throws IOException {
        List<String> problems = problems(HEADER.substring(HEADER.indexOf("package")) + addonRule(
                "@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\")", "System.out.println(\"x\");"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("families/test.drl:1:1: warning: the file has no header"));
        assertTrue(problems.get(1).contains("warning: rule \"9999T without 88305\" never calls findings.raise"));
    }

    @Test
    void disabledRuleIsReportedAndNeverFires() throws IOException {
        RuleValidator.Result result = new RuleValidator().validate(TestRulesFolder.with(folder, HEADER + addonRule(
                "@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\") @disabled(\"payer policy pending\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");")));
        assertTrue(result.clean(), result.problems().toString());
        assertEquals(List.of("payer policy pending"), List.copyOf(result.disabled().values()));
        assertFalse(result.ruleBase().orElseThrow().kieBase().getKiePackage("org.claimscrub.rules").getRules()
                .stream().anyMatch(r -> r.getName().equals("9999T without 88305")));
    }

    @Test
    void brokenReferenceTableAndOverridesAreReported() throws IOException {
        TestRulesFolder.with(folder, HEADER);
        Files.writeString(folder.resolve("reference/codes.csv"), "code,label,effective_date,sunset_date\n"
                + "0751T,x,2023-13-01,\n");
        Files.writeString(folder.resolve("overrides.csv"),
                "edit,action,severity,payer_id,billing_npi,from_date,to_date,reason\nAOP-0000T,bypass,,,,,,x\n");
        List<String> problems = new RuleValidator().validate(folder).problems().stream()
                .map(RuleProblem::toString).map(p -> p.replace(folder + "/", "")).toList();
        assertTrue(problems.contains("reference/codes.csv:2:0: field effective_date: '2023-13-01' is not a date in"
                + " yyyy-MM-dd form"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("overrides.csv:2:0: field edit: 'AOP-0000T'")),
                problems.toString());
    }
}
