package org.claimscrub.cli;

import org.claimscrub.bench.PlainJavaPipeline;
import org.claimscrub.engine.DrlRules;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code claimscrub bench-plain} (hidden): the bench's plain-Java pipeline, once, on a batch, so that the bench can
 * time it in a fresh JVM beside a fresh JVM's scrub (its cold pair). The rules' edit definitions, the primaries
 * and the reference tables are read first; only the pipeline's run is timed, into {@code --timing}.
 */
@Command(name = "bench-plain", hidden = true, description = "The bench's plain-Java pipeline alone, once.")
final class BenchPlainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT")
    Path input;

    @Option(names = "--rules", paramLabel = "DIR")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR", required = true)
    Path out;

    @Option(names = "--timing", paramLabel = "FILE", required = true,
            description = "Where the run's seconds are written.")
    Path timing;

    @Option(names = "--memory-lines", paramLabel = "N")
    Integer memoryLines;

    @Mixin
    RuleCacheOptions ruleCache;

    @Override
    public Integer call() throws IOException {
        Path folder = RulesFolder.resolve(rules);
        try {
            Map<String, String> primaryOf = DrlRules.unchained(DrlRules.primaries(folder));
            ReferenceData reference = new ReferenceDataLoader().load(folder.resolve("reference"));
            List<EditDefinition> edits = ruleCache.loader().load(folder).edits();
            PlainJavaPipeline plain = new PlainJavaPipeline(reference, BenchCommand.plainMemoryLines(memoryLines),
                    primaryOf, edits);
            long started = System.nanoTime();
            plain.run(input, out, out.resolveSibling(out.getFileName() + "-work"));
            Files.writeString(timing, Double.toString((System.nanoTime() - started) / 1e9));
            return ExitCode.OK.code();
        } catch (ReferenceDataException e) {
            System.err.println("claimscrub: reference data problem: " + e.getMessage());
            return ExitCode.REFERENCE_DATA.code();
        } catch (RuleCompilationException e) {
            System.err.println("claimscrub: the rules do not compile: " + e.getMessage());
            return ExitCode.RULES.code();
        } catch (InputException e) {
            System.err.println("claimscrub: " + e.getMessage());
            return ExitCode.INPUT.code();
        }
    }
}
