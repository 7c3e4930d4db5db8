package org.claimscrub.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bench's start-up figure: the lab-week sample scrubbed in a fresh JVM (as the launcher runs it, with this
 * JVM's options), once compiling the rules and once loading them from a rule cache, each way several times
 * (interleaved, so that a busy moment on the machine falls on both), medians printed.
 */
final class SampleScrubs {
    static final Path SAMPLE = Path.of("claims-samples", "lab-week.csv");
    /** JVM options that must not be passed on to the child runs. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-javaagent", "-XX:ArchiveClassesAtExit",
            "-XX:StartFlightRecording", "-XX:Flight");

    private SampleScrubs() {
    }

    /** One scrub: its wall time and run.json's compile_rules. */
    record Run(double seconds, long compileMs) {
    }

    /** The printed line, or empty when there is no sample to scrub. */
    static Optional<String> measure(Path rules, Path work, int runs) throws IOException {
        Path sample = sample();
        if (sample == null) {
            return Optional.of("Sample:     skipped, no " + SAMPLE + " here or beside the launcher");
        }
        Path cache = work.resolve("rule-cache");
        Run filling = scrub(sample, rules, work.resolve("fill"), List.of("--rule-cache", cache.toString()));
        List<Run> compiling = new ArrayList<>();
        List<Run> cached = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            compiling.add(scrub(sample, rules, work.resolve("compile-" + i), List.of("--no-rule-cache")));
            cached.add(scrub(sample, rules, work.resolve("cached-" + i), List.of("--rule-cache", cache.toString())));
        }
        Run c = median(compiling);
        Run h = median(cached);
        return Optional.of(String.format("Sample:     %s in a fresh JVM, median of %d: %.1f s end to end compiling the"
                        + " rules (compile %.1f s), %.1f s with them cached (load %.2f s): %.0f%% of the time;"
                        + " %.1f s on the run that fills the cache", SAMPLE, runs, c.seconds(), c.compileMs() / 1e3,
                h.seconds(), h.compileMs() / 1e3, 100 * h.seconds() / c.seconds(), filling.seconds()));
    }

    private static Path sample() {
        if (Files.isRegularFile(SAMPLE)) {
            return SAMPLE;
        }
        String home = System.getProperty(RulesFolder.HOME_PROPERTY);
        Path besideLauncher = home == null ? null : Path.of(home).resolve(SAMPLE);
        return besideLauncher != null && Files.isRegularFile(besideLauncher) ? besideLauncher : null;
    }

    private static Run median(List<Run> runs) {
        double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
        long[] compile = runs.stream().mapToLong(Run::compileMs).sorted().toArray();
        return new Run(seconds[seconds.length / 2], compile[compile.length / 2]);
    }

    private static Run scrub(Path sample, Path rules, Path out, List<String> cacheOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "scrub",
                "--quiet", "--fail-on", "none", "--rules", rules.toString(), "--out", out.toString()));
        command.addAll(cacheOptions);
        command.add(sample.toString());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("the sample scrub did not finish in 5 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != ExitCode.OK.code()) {
            throw new IOException("the sample scrub exited " + process.exitValue() + ": " + String.join(" ",
                    command.subList(command.indexOf(Main.class.getName()), command.size())));
        }
        return new Run(seconds, BenchCommand.timing(Files.readString(out.resolve("run.json")), "compile_rules"));
    }
}
