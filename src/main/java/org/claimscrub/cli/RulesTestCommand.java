package org.claimscrub.cli;

import org.claimscrub.authoring.RuleTestRunner;
import org.claimscrub.authoring.RuleTestRunner.CaseResult;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.reference.ReferenceDataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code claimscrub rules test}: runs the rule test cases under rules/tests. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the rule test cases (every .csv under RULES/tests): each lists claim lines and the"
                + " findings expected on each line.",
            "Prints a pass/fail table, what differs for each failure, and any rule no case fires.",
            "Exit 0 when every case passes and every enabled rule fires in some case, 1 otherwise."})
final class RulesTestCommand implements Callable<Integer> {
    private static final int MAX_LISTED = 30;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder (default: ./rules).")
    Path rules;

    @Mixin
    RuleCacheOptions ruleCache;

    @Option(names = "--tests", paramLabel = "DIR", description = "Test cases folder (default: RULES/tests).")
    Path tests;

    @Option(names = {"-v", "--verbose"}, description = "List passing cases too (default: failures only).")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        LoadedRules loaded;
        try {
            loaded = LoadedRules.load(rules, ruleCache);
        } catch (LoadedRules.Failed e) {
            return e.exitCode.code();
        }
        Path folder = tests != null ? tests : loaded.folder().resolve(RuleTestRunner.TESTS_FOLDER);
        RuleTestRunner.SuiteResult suite;
        try {
            suite = new RuleTestRunner(loaded.rules(), loaded.reference()).runAll(folder);
        } catch (ReferenceDataException e) {
            System.err.println("claimscrub: a test case's CMS tables cannot be loaded:\n" + e.getMessage());
            return ExitCode.REFERENCE_DATA.code();
        }
        PrintStream out = RulesCommand.console();
        if (suite.cases().isEmpty()) {
            out.println("No test cases (.csv files) under " + folder);
            return ExitCode.FINDINGS.code();
        }
        int width = suite.cases().stream().mapToInt(c -> c.name().length()).max().orElse(10);
        for (CaseResult c : suite.cases()) {
            if (c.passed() && !verbose) {
                continue;
            }
            out.printf("%s  %-" + width + "s  %3d lines  %3d findings%n", c.passed() ? "PASS" : "FAIL", c.name(),
                    c.lines(), c.findings());
            c.problems().forEach(p -> out.println("      case file: " + p));
            c.missing().forEach(m -> out.println("      " + m));
            c.unexpected().forEach(u -> out.println("      " + u));
        }
        long failed = suite.failedCases();
        out.printf("%d case(s) in %s: %d passed, %d failed%n", suite.cases().size(), folder,
                suite.cases().size() - failed, failed);
        if (suite.untested().isEmpty()) {
            out.println("Coverage: every enabled rule fires in at least one case ("
                    + (loaded.rules().edits().size() - loaded.rules().catalog().disabledEdits().size())
                    + " rules).");
        } else {
            out.println("Coverage: " + suite.untested().size() + " rule(s) fire in no case; add a case where each"
                    + " fires:");
            List<EditDefinition> untested = suite.untested();
            for (EditDefinition e : untested.subList(0, Math.min(untested.size(), MAX_LISTED))) {
                out.println("      " + e.editId() + "  rule \"" + e.ruleName() + "\" in " + e.ruleFile());
            }
            if (untested.size() > MAX_LISTED) {
                out.println("      ... and " + (untested.size() - MAX_LISTED) + " more");
            }
        }
        return suite.passed() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }
}
