package org.claimscrub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bench's start-up figure: the lab-week sample scrubbed in a fresh JVM ({@link FreshJvm}) started as the
 * launcher starts it (this JVM's options, and the quick JIT only, as for every short run), once compiling the
 * rules and once loading them from a rule cache, each way several times (interleaved, so that a busy moment on the
 * machine falls on both), medians printed.
 */
final class SampleScrubs {
    static final Path SAMPLE = Path.of("claims-samples", "lab-week.csv");
    private static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    private SampleScrubs() {
    }

    /** The printed line, or empty when there is no sample to scrub. */
    static Optional<String> measure(Path rules, Path work, int runs) throws IOException {
        Path sample = sample();
        if (sample == null) {
            return Optional.of("Sample:     skipped, no " + SAMPLE + " here or beside the launcher");
        }
        Path cache = work.resolve("rule-cache");
        FreshJvm.Run filling = scrub(sample, rules, work.resolve("fill"), List.of("--rule-cache", cache.toString()));
        List<FreshJvm.Run> compiling = new ArrayList<>();
        List<FreshJvm.Run> cached = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            compiling.add(scrub(sample, rules, work.resolve("compile-" + i), List.of("--no-rule-cache")));
            cached.add(scrub(sample, rules, work.resolve("cached-" + i), List.of("--rule-cache", cache.toString())));
        }
        FreshJvm.Run c = FreshJvm.median(compiling);
        FreshJvm.Run h = FreshJvm.median(cached);
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

    /** With the quick JIT only, as the launcher starts a run this small. */
    private static FreshJvm.Run scrub(Path sample, Path rules, Path out, List<String> cacheOptions)
            throws IOException {
        return FreshJvm.scrub(List.of(), List.of(QUICK_JIT), sample, rules, out, cacheOptions, 5);
    }
}
