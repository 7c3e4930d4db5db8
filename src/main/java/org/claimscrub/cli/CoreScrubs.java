package org.claimscrub.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bench's figure for what the second core brings: the synthetic batch scrubbed end to end in a fresh JVM on
 * every core this process may use, and in one pinned to a single core with {@code taskset} (Linux), interleaved,
 * medians printed. Pinning is the fair test: {@code --threads 1} still leaves the reader, report and JIT compiler
 * threads the second core. Both JVMs get this one's garbage collector by name (a JVM that sees one core picks
 * the serial collector by itself) and choose their worker threads by their cores.
 */
final class CoreScrubs {
    private CoreScrubs() {
    }

    /** The printed line. */
    static String measure(Path batch, long lines, Path rules, Path work, List<String> options, int runs)
            throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            return "Cores:      skipped, this process may use one core only";
        }
        Optional<List<String>> pinned = pinnedToOneCore();
        if (pinned.isEmpty()) {
            return "Cores:      skipped, no taskset here that can pin a process to one core (Linux only)";
        }
        List<String> collector = collector().map(List::of).orElse(List.of());
        List<FreshJvm.Run> all = new ArrayList<>();
        List<FreshJvm.Run> one = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(FreshJvm.scrub(List.of(), collector, batch, rules, work.resolve("all-" + i), options, 60));
            one.add(FreshJvm.scrub(pinned.get(), collector, batch, rules, work.resolve("one-" + i), options, 60));
        }
        double allSeconds = FreshJvm.median(all).seconds();
        double oneSeconds = FreshJvm.median(one).seconds();
        return String.format("Cores:      full scrub in a fresh JVM, median of %d: %,.0f lines/s on one core (%.1f s,"
                        + " pinned with taskset), %,.0f lines/s on %d cores (%.1f s): %.2fx the one-core rate",
                runs, lines / oneSeconds, oneSeconds, lines / allSeconds, cores, allSeconds, oneSeconds / allSeconds);
    }

    /** {@code taskset -c CPU}, once it has pinned a trial process to this process's first CPU, else empty. */
    static Optional<List<String>> pinnedToOneCore() {
        Optional<Integer> cpu = Optional.empty();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                cpu = cpu.or(() -> firstCpu(line));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (cpu.isEmpty()) {
            return Optional.empty();
        }
        List<String> taskset = List.of("taskset", "-c", cpu.get().toString());
        List<String> trial = new ArrayList<>(taskset);
        trial.add("true");
        try {
            Process process = new ProcessBuilder(trial).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean pinned = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            return pinned ? Optional.of(taskset) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The lowest CPU of a {@code Cpus_allowed_list:} line of /proc/self/status ("0-3", "2,5-7"), else empty. */
    static Optional<Integer> firstCpu(String statusLine) {
        if (!statusLine.startsWith("Cpus_allowed_list:")) {
            return Optional.empty();
        }
        String first = statusLine.substring(statusLine.indexOf(':') + 1).trim().split("[-,]")[0];
        return first.matches("\\d{1,6}") ? Optional.of(Integer.parseInt(first)) : Optional.empty();
    }

    /** The option that names this JVM's collector, when it is one of the usual three. */
    private static Optional<String> collector() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.startsWith("PS ")) {
                return Optional.of("-XX:+UseParallelGC");
            }
            if (name.startsWith("G1 ")) {
                return Optional.of("-XX:+UseG1GC");
            }
            if (name.equals("Copy") || name.equals("MarkSweepCompact")) {
                return Optional.of("-XX:+UseSerialGC");
            }
        }
        return Optional.empty();
    }
}
