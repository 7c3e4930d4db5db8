package org.claimscrub.cli;

import org.claimscrub.authoring.RuleValidator;
import org.claimscrub.model.EditDefinition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code claimscrub rules ...}: the compliance analyst's tools for the rules folder. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Validate, test, compare and document the rules folder.",
        subcommands = {RulesCommand.Validate.class, RulesTestCommand.class, RulesCatalogCommand.class,
            RulesDiffCommand.class,
            CommandLine.HelpCommand.class})
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCode.USAGE.code();
    }

    static PrintStream console() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    /** {@code claimscrub rules validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Compile the rules folder and check every rule's metadata, messages and file headers,"
                    + " and that the reference tables load.",
                "Prints each problem as file:line:column: message. Exit 0 only when there is none."})
    static final class Validate implements Callable<Integer> {
        @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder (default: ./rules).")
        Path rules;

        @Mixin
        RuleCacheOptions ruleCache;

        @Override
        public Integer call() throws IOException {
            PrintStream out = console();
            Path folder;
            try {
                folder = LoadedRules.existing(rules);
            } catch (LoadedRules.Failed e) {
                return e.exitCode.code();
            }
            RuleValidator.Result result = new RuleValidator(ruleCache.loader()).validate(folder);
            result.problems().forEach(out::println);
            result.disabled().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(EditDefinition::editId)))
                    .forEach(e -> out.println("note: " + e.getKey().editId() + " (rule \"" + e.getKey().ruleName()
                            + "\", " + e.getKey().ruleFile() + ") is disabled: " + e.getValue()));
            long errors = result.errors();
            long warnings = result.problems().size() - errors;
            if (result.clean()) {
                int edits = result.ruleBase().map(r -> r.edits().size()).orElse(0);
                out.println("OK: " + folder + ": " + edits + " edits, no problems"
                        + (result.disabled().isEmpty() ? "" : " (" + result.disabled().size() + " disabled)"));
                return ExitCode.OK.code();
            }
            out.println(folder + ": " + errors + " error(s), " + warnings + " warning(s)");
            return ExitCode.RULES.code();
        }
    }
}
