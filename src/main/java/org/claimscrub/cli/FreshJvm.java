package org.claimscrub.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * claimscrub in a JVM of its own, started as the launcher starts one (this JVM's options and class path), for the
 * bench's figures that only a fresh JVM shows: start-up, the rate on fewer cores, both pipelines cold.
 */
final class FreshJvm {
    /** JVM options that must not be passed on to the child runs. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-javaagent", "-XX:ArchiveClassesAtExit",
            "-XX:DumpLoadedClassList", "-XX:StartFlightRecording", "-XX:Flight");

    private FreshJvm() {
    }

    /** One scrub: its wall time, and run.json's compile_rules and total (the run without the JVM's start). */
    record Run(double seconds, long compileMs, long totalMs) {
    }

    /**
     * Scrubs {@code input} into {@code out} and waits for it (at most {@code limitMinutes}).
     *
     * @param launcher what runs the JVM (e.g. {@code taskset -c 0}), or empty
     * @param jvmOptions JVM options beside this JVM's
     * @param options scrub options beside the rules, the output folder and the input
     */
    static Run scrub(List<String> launcher, List<String> jvmOptions, Path input, Path rules, Path out,
                     List<String> options, int limitMinutes) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("scrub", "--quiet", "--fail-on", "none", "--rules",
                rules.toString(), "--out", out.toString()));
        arguments.addAll(options);
        arguments.add(input.toString());
        double seconds = run(launcher, jvmOptions, arguments, limitMinutes);
        String manifest = Files.readString(out.resolve("run.json"));
        return new Run(seconds, BenchCommand.timing(manifest, "compile_rules"),
                BenchCommand.timing(manifest, "total"));
    }

    /** Runs claimscrub with these arguments in a fresh JVM and returns its wall time; it must exit 0. */
    static double run(List<String> launcher, List<String> jvmOptions, List<String> arguments, int limitMinutes)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(limitMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("claimscrub in a fresh JVM did not finish in " + limitMinutes + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != ExitCode.OK.code()) {
            throw new IOException("claimscrub in a fresh JVM exited " + process.exitValue() + ": "
                    + String.join(" ", arguments));
        }
        return seconds;
    }

    /** The median wall time, compile time and total, each on its own. */
    static Run median(List<Run> runs) {
        double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
        long[] compile = runs.stream().mapToLong(Run::compileMs).sorted().toArray();
        long[] total = runs.stream().mapToLong(Run::totalMs).sorted().toArray();
        return new Run(seconds[seconds.length / 2], compile[compile.length / 2], total[total.length / 2]);
    }
}
