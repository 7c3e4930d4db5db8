package org.claimscrub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bench's figure for what the second core brings: the synthetic batch scrubbed end to end in a fresh JVM on
 * every core this process may use, and in one pinned to a single core with {@code taskset} (Linux), interleaved,
 * medians printed. Pinning is the fair test: {@code --threads 1} still leaves the reader, report and JIT compiler
 * threads the second core.
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
        Optional<Integer> first = firstAllowedCpu();
        if (first.isEmpty()) {
            return "Cores:      skipped, the cores this process may use are not known here (Linux only)";
        }
        List<String> pinned = List.of("taskset", "-c", first.get().toString());
        List<FreshJvm.Run> all = new ArrayList<>();
        List<FreshJvm.Run> one = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(FreshJvm.scrub(List.of(), List.of(), batch, rules, work.resolve("all-" + i), options, 60));
            try {
                one.add(FreshJvm.scrub(pinned, List.of(), batch, rules, work.resolve("one-" + i), options, 60));
            } catch (IOException e) {
                return "Cores:      skipped, a JVM could not be pinned to one core with taskset (" + e.getMessage()
                        + ")";
            }
        }
        double allSeconds = FreshJvm.median(all).seconds();
        double oneSeconds = FreshJvm.median(one).seconds();
        return String.format("Cores:      full scrub in a fresh JVM, median of %d: %,.0f lines/s on one core (%.1f s,"
                        + " pinned with taskset), %,.0f lines/s on %d cores (%.1f s): %.2fx the one-core rate",
                runs, lines / oneSeconds, oneSeconds, lines / allSeconds, cores, allSeconds, oneSeconds / allSeconds);
    }

    /** The lowest CPU in this process's affinity ({@code Cpus_allowed_list} of /proc/self/status). */
    private static Optional<Integer> firstAllowedCpu() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    String list = line.substring(line.indexOf(':') + 1).trim();
                    return Optional.of(Integer.parseInt(list.split("[-,]")[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
