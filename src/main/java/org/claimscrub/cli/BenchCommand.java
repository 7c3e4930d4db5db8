package org.claimscrub.cli;

import org.claimscrub.bench.PeakHeap;
import org.claimscrub.bench.PlainJavaPipeline;
import org.claimscrub.bench.SyntheticBatch;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code claimscrub bench}: writes a synthetic batch, scrubs it end to end with every rule, then runs the
 * plain-Java pipeline on it, and prints lines per second and peak heap for both, in one JVM.
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
            long written = SyntheticBatch.write(input, lines);
            console.printf("Batch:      %,d synthetic lines, %,d MB, written in %.1f s; heap max %,d MB, %d cores%n",
                    written, Files.size(input) >> 20, (System.nanoTime() - started) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

            List<String> args = new ArrayList<>(List.of("--quiet", "--fail-on", "none",
                    "--out", folder.resolve("full").toString(), input.toString()));
            if (rules != null) {
                args.addAll(List.of("--rules", rules.toString()));
            }
            if (threads != null) {
                args.addAll(List.of("--threads", threads.toString()));
            }
            if (memoryLines != null) {
                args.addAll(List.of("--memory-lines", memoryLines.toString()));
            }
            PeakHeap fullHeap = PeakHeap.start();
            started = System.nanoTime();
            CommandLine scrub = new CommandLine(new ScrubCommand());
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
            double fullSeconds = (System.nanoTime() - started) / 1e9;
            long fullPeak = fullHeap.peakBytes();
            fullHeap.close();
            if (exit != ExitCode.OK.code()) {
                System.err.println("claimscrub: the scrub exited " + exit);
                return exit;
            }
            String manifest = Files.readString(folder.resolve("full").resolve("run.json"));
            long compileMs = Long.parseLong(manifest.replaceAll("(?s).*\"compile_rules\": (\\d+).*", "$1"));
            // the compile overlaps reading: only the time the scrub still waited for it counts against the rate
            long waitMs = Long.parseLong(manifest.replaceAll("(?s).*\"" + ScrubCommand.COMPILE_WAIT
                    + "\": (\\d+).*", "$1"));
            double scrubSeconds = fullSeconds - waitMs / 1e3;

            ReferenceData reference;
            try {
                reference = new ReferenceDataLoader().load(RulesFolder.resolve(rules).resolve("reference"));
            } catch (ReferenceDataException e) {
                System.err.println("claimscrub: reference data problem: " + e.getMessage());
                return ExitCode.REFERENCE_DATA.code();
            }
            PeakHeap plainHeap = PeakHeap.start();
            started = System.nanoTime();
            try {
                new PlainJavaPipeline(reference, memoryLines != null ? memoryLines : ScrubCommand.defaultMemoryLines())
                        .run(input, folder.resolve("plain"), folder.resolve("plain-work"));
            } catch (InputException e) {
                System.err.println("claimscrub: " + e.getMessage());
                return ExitCode.INPUT.code();
            }
            double plainSeconds = (System.nanoTime() - started) / 1e9;
            long plainPeak = plainHeap.peakBytes();
            plainHeap.close();

            double fullRate = written / fullSeconds;
            double scrubRate = written / scrubSeconds;
            double plainRate = written / plainSeconds;
            console.printf("Full scrub: %,.0f lines/s end to end (%.1f s; rule compile %.1f s, beside reading but"
                    + " for %.1f s); %,.0f lines/s without the compile; peak heap %,d MB%n", fullRate, fullSeconds,
                    compileMs / 1e3, waitMs / 1e3, scrubRate, fullPeak >> 20);
            console.printf("Plain Java: %,.0f lines/s (%.1f s); peak heap %,d MB%n", plainRate, plainSeconds,
                    plainPeak >> 20);
            console.printf("Ratio:      full scrub at %.0f%% of the plain-Java rate (%.0f%% without the compile)%n",
                    100 * fullRate / plainRate, 100 * scrubRate / plainRate);
            return ExitCode.OK.code();
        } finally {
            if (work == null) {
                deleteTree(folder);
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
