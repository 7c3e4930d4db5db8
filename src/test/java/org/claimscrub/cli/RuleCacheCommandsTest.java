package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command that compiles the rules takes --rule-cache and --no-rule-cache, and shares one entry. */
class RuleCacheCommandsTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private String takeOut() {
        return console.takeOut();
    }

    @Test
    void aSecondScrubLoadsTheRulesFromTheCacheAndReportsTheSame() throws Exception {
        Path cache = dir.resolve("cache");
        String sample = BatchFixtures.SAMPLES.resolve("lab-week.csv").toString();
        assertEquals(1, BatchFixtures.scrub("--rule-cache", cache.toString(), "--out", dir.resolve("a").toString(),
                sample));
        assertTrue(takeOut().contains(" compiled in "));
        assertEquals(1, entries(cache).size());

        assertEquals(1, BatchFixtures.scrub("--rule-cache", cache.toString(), "--out", dir.resolve("b").toString(),
                sample));

        assertTrue(takeOut().contains("loaded from the rule cache in"));
        assertEquals(BatchFixtures.read(dir.resolve("a/findings.csv")), BatchFixtures.read(dir.resolve("b/findings.csv")));
        assertEquals(BatchFixtures.read(dir.resolve("a/summary.txt")), BatchFixtures.read(dir.resolve("b/summary.txt")));
    }

    @Test
    void theAnalystCommandsUseAndFillTheSameEntry() throws Exception {
        Path cache = dir.resolve("cache");
        String option = "--rule-cache=" + cache;
        assertEquals(0, Main.run("rules", "validate", "--rules", "rules", option));
        assertTrue(takeOut().contains("OK: rules"));
        List<Path> filled = entries(cache);
        assertEquals(1, filled.size());
        long written = Files.getLastModifiedTime(filled.get(0)).toMillis();

        assertEquals(0, Main.run("rules", "catalog", "--rules", "rules", option, "--out", dir.resolve("docs").toString()));
        assertEquals(0, Main.run("explain", "LW25-0001", "--input", "claims-samples/lab-week.csv", "--rules", "rules",
                option));
        assertEquals(0, Main.run("rules", "test", "--rules", "rules", option));

        assertEquals(filled, entries(cache), "no other entry");
        assertEquals(written, Files.getLastModifiedTime(filled.get(0)).toMillis(), "read, not written again");
    }

    @Test
    void noRuleCacheNeitherReadsNorWrites() throws Exception {
        Path cache = dir.resolve("cache");
        assertEquals(0, Main.run("rules", "validate", "--rules", "rules", "--no-rule-cache", "--rule-cache",
                cache.toString()));
        assertFalse(Files.exists(cache));
    }

    /** The entries (not the rules folders' notes of the entry each used last). */
    private static List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".rules")).sorted().toList();
        }
    }
}
