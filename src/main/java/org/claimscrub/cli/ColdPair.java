package org.claimscrub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bench's cold comparison, like for like: the full scrub and the plain-Java pipeline each as the first run of
 * a fresh JVM (both pay the JIT's warm-up), interleaved, medians. The scrub's time is run.json's {@code total}, the
 * plain pipeline's its run alone: neither counts the JVM's own start.
 */
final class ColdPair {
    private ColdPair() {
    }

    /** The printed line. */
    static String measure(Path batch, long lines, Path rules, Path work, List<String> options, int runs)
            throws IOException {
        List<FreshJvm.Run> scrubs = new ArrayList<>();
        double[] plain = new double[runs];
        for (int i = 0; i < runs; i++) {
            scrubs.add(FreshJvm.scrub(List.of(), List.of(), batch, rules, work.resolve("scrub-" + i), options, 60));
            Path timing = work.resolve("plain-" + i + ".seconds");
            List<String> arguments = new ArrayList<>(List.of("bench-plain", "--rules", rules.toString(),
                    "--out", work.resolve("plain-" + i).toString(), "--timing", timing.toString()));
            arguments.addAll(options);
            arguments.add(batch.toString());
            FreshJvm.run(List.of(), List.of(), arguments, 60);
            plain[i] = Double.parseDouble(Files.readString(timing).trim());
        }
        double scrubSeconds = FreshJvm.median(scrubs).totalMs() / 1e3;
        Arrays.sort(plain);
        double plainSeconds = plain[runs / 2];
        return String.format("Cold pair:  each the first run of a fresh JVM, median of %d: full scrub %,.0f lines/s"
                        + " (%.1f s), plain Java %,.0f lines/s (%.1f s): the full scrub at %.0f%% of the plain-Java"
                        + " rate, both cold", runs, lines / scrubSeconds, scrubSeconds, lines / plainSeconds,
                plainSeconds, 100 * plainSeconds / scrubSeconds);
    }
}
