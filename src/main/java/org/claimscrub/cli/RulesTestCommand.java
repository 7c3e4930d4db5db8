package org.claimscrub.cli;

import org.claimscrub.authoring.RuleTestRunner;
import org.claimscrub.authoring.RuleTestRunner.CaseResult;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.reference.ReferenceDataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code claimscrub rules test}: runs the rule test cases under rules/tests. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the rule test cases (every .csv under RULES/tests, or the CASEs given): each lists"
                + " claim lines and the findings expected on each line.",
            "Prints what differs for each failure, the cases skipped (every edit they name is disabled), a"
                + " summary, and (when every case ran) any rule no case fires.",
            "Exit 0 when every case run passes and, for a full run, every enabled rule fires in some case; 1"
                + " otherwise; 2 when a CASE names no case."})
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

    @Parameters(paramLabel = "CASE", arity = "0..*", description = "Cases to run: a file, or a case's name"
            + " under the tests folder (families/electron-microscopy/0856T.csv, or just 0856T). Default: all.")
    List<String> chosen = List.of();

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
            RuleTestRunner runner = new RuleTestRunner(loaded.rules(), loaded.reference());
            if (chosen.isEmpty()) {
                suite = runner.runAll(folder);
            } else {
                List<CaseResult> results = new ArrayList<>();
                for (Path file : resolve(folder, chosen)) {
                    results.add(runner.run(file, file.startsWith(folder) ? RuleTestRunner.name(folder, file)
                            : file.toString()));
                }
                suite = new RuleTestRunner.SuiteResult(results, List.of());
            }
        } catch (UnknownCase e) {
            System.err.println("claimscrub: " + e.getMessage());
            return ExitCode.USAGE.code();
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
            if (c.isSkipped()) {
                out.printf("SKIP  %-" + width + "s  %s%n", c.name(), c.skipped().orElseThrow());
                continue;
            }
            if (c.passed() && !verbose) {
                continue;
            }
            out.printf("%s  %-" + width + "s  %3d lines  %3d findings%n", c.passed() ? "PASS" : "FAIL", c.name(),
                    c.lines(), c.findings());
            if (!c.setAside().isEmpty()) {
                out.println("      not checked (disabled): " + String.join(" ", c.setAside()));
            }
            c.problems().forEach(p -> out.println("      case file: " + p));
            c.missing().forEach(m -> out.println("      " + m));
            c.unexpected().forEach(u -> out.println("      " + u));
        }
        long failed = suite.failedCases();
        int skipped = suite.skippedCases().size();
        out.printf("%d case(s) in %s: %d passed, %d failed, %d skipped%n", suite.cases().size(), folder,
                suite.cases().size() - failed - skipped, failed, skipped);
        if (!chosen.isEmpty()) {
            out.println("Coverage: not checked (only the cases given were run).");
        } else if (suite.untested().isEmpty()) {
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

    /** A CASE argument that is neither a file nor the name of a case. */
    private static final class UnknownCase extends Exception {
        UnknownCase(String message) {
            super(message);
        }
    }

    /** Each argument as a case file: a path as given, else the case whose name is it, ends with it, or is it.csv. */
    private static List<Path> resolve(Path folder, List<String> arguments) throws IOException, UnknownCase {
        List<Path> all = RuleTestRunner.caseFiles(folder);
        Set<Path> files = new LinkedHashSet<>();
        for (String argument : arguments) {
            Path given = Path.of(argument);
            if (Files.isRegularFile(given)) {
                files.add(given.toAbsolutePath().startsWith(folder.toAbsolutePath())
                        ? folder.resolve(folder.toAbsolutePath().relativize(given.toAbsolutePath())) : given);
                continue;
            }
            String wanted = argument.endsWith(".csv") ? argument : argument + ".csv";
            List<Path> matching = all.stream().filter(f -> {
                String name = RuleTestRunner.name(folder, f);
                return name.equals(wanted) || name.endsWith("/" + wanted);
            }).toList();
            if (matching.isEmpty()) {
                throw new UnknownCase("no test case '" + argument + "' under " + folder + " (give a file, or a"
                        + " case's name as rules test -v lists them)");
            }
            files.addAll(matching);
        }
        return List.copyOf(files);
    }
}
