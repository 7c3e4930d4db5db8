package org.claimscrub.cli;

import org.claimscrub.bench.PeakHeap;
import org.claimscrub.bench.PlainJavaPipeline;
import org.claimscrub.bench.ReadBench;
import org.claimscrub.bench.SyntheticBatch;
import org.claimscrub.engine.DrlRules;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code claimscrub bench}: writes a synthetic batch, scrubs it end to end with every rule, then runs the
 * plain-Java pipeline on it, and prints lines per second and peak heap for both, in one JVM. Each runs twice and
 * the second run is measured: the first run of a JVM spends about as much CPU compiling hot code (JIT) as
 * scrubbing, and whichever pipeline ran first would pay it for the code both share (reading, regrouping,
 * writing). The full scrub's first run is printed too, as what a fresh nightly run costs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the full scrub against a plain-Java pipeline on a synthetic batch of N lines.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--lines", paramLabel = "N", defaultValue = "1000000",
            description = "Lines in the synthetic batch (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder (default: ./rules).")
    Path rules;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for the scrub (default: cores).")
    Integer threads;

    @Option(names = "--memory-lines", paramLabel = "N", description = "Regrouping budget, as for scrub.")
    Integer memoryLines;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the batch and reports (default: a"
            + " temporary folder, deleted afterwards).")
    Path work;

    @Option(names = "--sample-runs", paramLabel = "N", defaultValue = "3",
            description = "Scrubs of the lab-week sample in a fresh JVM, each way: compiling the rules, and loading"
                    + " them from a rule cache (default: ${DEFAULT-VALUE}; 0 skips them).")
    int sampleRuns;

    @Option(names = "--core-runs", paramLabel = "N", defaultValue = "1",
            description = "Full scrubs of the batch in a fresh JVM each way: pinned to one core, and on every core,"
                    + " each with the worker threads its cores give, whatever --threads says (default:"
                    + " ${DEFAULT-VALUE}; 0 skips them; Linux, with taskset).")
    int coreRuns;

    @Option(names = "--cold-runs", paramLabel = "N", defaultValue = "1",
            description = "Runs of the full scrub and of the plain-Java pipeline each in a fresh JVM, for a cold"
                    + " ratio of like with like (default: ${DEFAULT-VALUE}; 0 skips them).")
    int coldRuns;

    @Mixin
    RuleCacheOptions ruleCache;

    @Override
    public Integer call() throws IOException {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (lines < 1) {
            System.err.println("claimscrub: --lines must be positive");
            return ExitCode.USAGE.code();
        }
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("claimscrub-bench-");
        try {
            Path input = folder.resolve("synthetic-batch.csv");
            long started = System.nanoTime();
            Map<String, String> primaryOf = DrlRules.unchained(DrlRules.primaries(RulesFolder.resolve(rules)));
            long written = SyntheticBatch.write(input, lines, primaryOf);
            console.printf("Batch:      %,d synthetic lines, %,d MB, written in %.1f s; heap max %,d MB, %d cores%n",
                    written, Files.size(input) >> 20, (System.nanoTime() - started) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
            ReferenceData reference;
            try {
                reference = new ReferenceDataLoader().load(RulesFolder.resolve(rules).resolve("reference"));
            } catch (ReferenceDataException e) {
                System.err.println("claimscrub: reference data problem: " + e.getMessage());
                return ExitCode.REFERENCE_DATA.code();
            }

            FullRun cold = fullScrub(input, folder.resolve("full"));
            if (cold.exit != ExitCode.OK.code()) {
                System.err.println("claimscrub: the scrub exited " + cold.exit);
                return cold.exit;
            }
            console.printf("Cold start: full scrub %,.0f lines/s end to end (%.1f s; rules %s in %.1f s) as the"
                    + " first run of a fresh JVM, JIT warm-up included%n", written / cold.seconds, cold.seconds,
                    cold.origin == RuleBase.Origin.CACHE ? "loaded from the rule cache" : "compiled",
                    cold.compileMs / 1e3);
            // the rules' edit definitions (from the rule cache the scrub just filled), outside the timed runs
            List<EditDefinition> ruleEdits;
            try {
                ruleEdits = ruleCache.loader().load(RulesFolder.resolve(rules)).edits();
            } catch (org.claimscrub.engine.RuleCompilationException e) {
                System.err.println("claimscrub: the rules do not compile: " + e.getMessage());
                return ExitCode.RULES.code();
            }
            plainJava(reference, primaryOf, ruleEdits, input, folder);

            FullRun full = fullScrub(input, folder.resolve("full"));
            if (full.exit != ExitCode.OK.code()) {
                System.err.println("claimscrub: the scrub exited " + full.exit);
                return full.exit;
            }
            PlainRun plain = plainJava(reference, primaryOf, ruleEdits, input, folder);
            double fullRate = written / full.seconds;
            // the compile overlaps reading: only the time the scrub still waited for it counts against the rate
            double scrubRate = written / (full.seconds - full.waitMs / 1e3);
            double plainRate = written / plain.seconds;
            console.printf("Full scrub: %,.0f lines/s end to end (%.1f s; rules %s in %.1f s, beside reading but"
                    + " for %.1f s); %,.0f lines/s without the compile; peak heap %,d MB%n", fullRate, full.seconds,
                    full.origin == RuleBase.Origin.CACHE ? "loaded from the rule cache" : "compiled",
                    full.compileMs / 1e3, full.waitMs / 1e3, scrubRate, full.peakBytes >> 20);
            console.printf("Plain Java: %,.0f lines/s (%.1f s); peak heap %,d MB%n", plainRate, plain.seconds,
                    plain.peakBytes >> 20);
            console.printf("Ratio:      full scrub at %.0f%% of the plain-Java rate (%.0f%% without the compile);"
                    + " both measured on a second run, after one run of each warmed the JIT; cold start at %.0f%% of"
                    + " the plain-Java rate (its first run against the plain pipeline's warm one)%n",
                    100 * fullRate / plainRate, 100 * scrubRate / plainRate,
                    100 * (written / cold.seconds) / plainRate);
            Path x12 = folder.resolve("synthetic-batch.837");
            ReadBench.write837(input, x12);
            ReadBench.Result read = ReadBench.measure(input, x12);
            console.printf("Reading:    CSV %,.0f lines/s (%.1f s); X12 837 of the same lines %,.0f lines/s (%.1f s,"
                    + " %,d MB), %.0f%% of the CSV rate; medians of 3 runs after 2 warm-up runs%n", read.csvRate(), read.csvSeconds(),
                    read.x12Rate(), read.x12Seconds(), read.x12Bytes() >> 20, 100 * read.x12Rate() / read.csvRate());
            List<String> freshOptions = new ArrayList<>(ruleCache.arguments());
            if (memoryLines != null) {
                freshOptions.addAll(List.of("--memory-lines", memoryLines.toString()));
            }
            if (coldRuns > 0) {
                console.println(ColdPair.measure(input, written, RulesFolder.resolve(rules), folder.resolve("cold"),
                        freshOptions, coldRuns));
            }
            if (coreRuns > 0) {
                console.println(CoreScrubs.measure(input, written, RulesFolder.resolve(rules), folder.resolve("cores"),
                        freshOptions, coreRuns));
            }
            if (sampleRuns > 0) {
                SampleScrubs.measure(RulesFolder.resolve(rules), folder.resolve("sample"), sampleRuns)
                        .ifPresent(console::println);
            }
            return ExitCode.OK.code();
        } catch (InputException e) {
            System.err.println("claimscrub: " + e.getMessage());
            return ExitCode.INPUT.code();
        } finally {
            if (work == null) {
                deleteTree(folder);
            }
        }
    }

    private record FullRun(int exit, double seconds, long compileMs, long waitMs, long peakBytes,
                           RuleBase.Origin origin) {
    }

    private record PlainRun(double seconds, long peakBytes) {
    }

    /** One scrub of the batch with every rule, as the scrub command runs it, its console output discarded. */
    private FullRun fullScrub(Path input, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("--quiet", "--fail-on", "none",
                "--out", out.toString(), input.toString()));
        if (rules != null) {
            args.addAll(List.of("--rules", rules.toString()));
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        if (memoryLines != null) {
            args.addAll(List.of("--memory-lines", memoryLines.toString()));
        }
        args.addAll(ruleCache.arguments());
        PeakHeap heap = PeakHeap.start();
        long started = System.nanoTime();
        ScrubCommand command = new ScrubCommand();
        CommandLine scrub = new CommandLine(command);
        scrub.setCaseInsensitiveEnumValuesAllowed(true);
        scrub.setOut(new java.io.PrintWriter(java.io.OutputStream.nullOutputStream()));
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            exit = scrub.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.peakBytes();
        heap.close();
        if (exit != ExitCode.OK.code()) {
            return new FullRun(exit, seconds, 0, 0, peak, null);
        }
        String manifest = Files.readString(out.resolve("run.json"));
        return new FullRun(exit, seconds, timing(manifest, "compile_rules"),
                timing(manifest, ScrubCommand.COMPILE_WAIT), peak, command.rulesOrigin);
    }

    /** A phase's milliseconds in a run.json ({@code timings_ms}). */
    static long timing(String manifest, String phase) {
        String timings = manifest.substring(manifest.indexOf("\"timings_ms\""));
        return Long.parseLong(timings.replaceAll("(?s)^.*?\"" + phase + "\": (\\d+).*", "$1"));
    }

    /** The plain-Java pipeline's lines held before regrouping spills: the scrub's default budget, or --memory-lines. */
    static int plainMemoryLines(Integer memoryLines) {
        return memoryLines != null ? memoryLines
                : (int) Math.min(Integer.MAX_VALUE, ScrubCommand.defaultBudget().lines());
    }

    private PlainRun plainJava(ReferenceData reference, Map<String, String> primaryOf,
                               List<EditDefinition> ruleEdits, Path input, Path folder)
            throws IOException, InputException {
        PeakHeap heap = PeakHeap.start();
        long started = System.nanoTime();
        new PlainJavaPipeline(reference, plainMemoryLines(memoryLines), primaryOf, ruleEdits)
                .run(input, folder.resolve("plain"), folder.resolve("plain-work"));
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.peakBytes();
        heap.close();
        return new PlainRun(seconds, peak);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
