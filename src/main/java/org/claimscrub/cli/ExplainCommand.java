package org.claimscrub.cli;

import org.claimscrub.authoring.ClaimExplanation;
import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.claimscrub.reader.ClaimFileReader;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputException;
import org.claimscrub.pipeline.OverridesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code claimscrub explain CLAIM_ID --input FILE}: why each rule fired on one claim. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"For one claim, print every rule that fired on its lines and why: the facts each rule"
                + " matched (including lines of other claims in the same visit) and its conditions as written.",
            "The whole input is scrubbed; patient ids are never printed."})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLAIM_ID", description = "The claim to explain.")
    String claimId;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Claim files, CSV or X12 837 (told apart by their content), as given to scrub.")
    List<Path> inputs;

    @Mixin
    ClaimInputOptions input;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder (default: ./rules).")
    Path rules;

    @Mixin
    RuleCacheOptions ruleCache;

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "Overrides file (default: RULES/overrides.csv when present).")
    Path overrides;

    @Override
    public Integer call() throws IOException {
        CsvReadOptions csvOptions = input.csvOptions();
        if (csvOptions == null) {
            return ExitCode.USAGE.code();
        }
        LoadedRules loaded;
        Overrides overrideTable;
        try {
            loaded = LoadedRules.load(rules, ruleCache);
            overrideTable = OverridesFile.load(overrides, loaded.folder(), loaded.rules());
        } catch (LoadedRules.Failed e) {
            return e.exitCode.code();
        } catch (OverridesException e) {
            System.err.println("claimscrub: overrides problem:\n" + e.getMessage());
            return ExitCode.RULES.code();
        }
        List<ClaimLine> lines = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        try {
            ClaimFileReader reader = new ClaimFileReader(input.format, csvOptions);
            for (int i = 0; i < inputs.size(); i++) {
                reader.read(inputs.get(i), i, ClaimSink.of(lines::add, rejects::add));
            }
        } catch (InputException e) {
            System.err.println("claimscrub: cannot read input: " + ConsoleText.of(e.getMessage()));
            return ExitCode.INPUT.code();
        }
        String text = new ClaimExplanation(loaded.folder(), loaded.rules(), loaded.reference())
                .explain(claimId, lines, overrideTable::apply);
        List<Reject> claimRejects = rejects.stream().filter(r -> r.claimId().equals(claimId)).toList();
        if (text.isEmpty() && claimRejects.isEmpty()) {
            System.err.println("claimscrub: claim " + ConsoleText.of(claimId) + " is not in "
                    + ConsoleText.of(inputs.toString()));
            return ExitCode.USAGE.code();
        }
        var out = RulesCommand.console();
        out.print(text);
        claimRejects.forEach(r -> out.println("Rejected, never scrubbed: " + ConsoleText.of(r.describe())));
        return ExitCode.OK.code();
    }
}
