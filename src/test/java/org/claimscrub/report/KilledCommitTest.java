package org.claimscrub.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed (kill -9) at any moment of committing leaves the old report or the whole new one, never a mix:
 * a child commits report after report into one folder and is killed at random moments; each time every report
 * file must come from one generation, and the next run must take over the dead run's lock.
 */
class KilledCommitTest {
    @TempDir
    Path tmp;

    @Test
    void aRunKilledWhileCommittingLeavesTheOldReportOrTheWholeNewOne() throws Exception {
        Path out = tmp.resolve("out");
        Random random = new Random(42);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Set<String> seen = new HashSet<>();
        for (int kill = 0; kill < 8; kill++) {
            Process loop = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CommitLoop.class.getName(), out.toString(), "run" + kill).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!committed(out, "run" + kill + "-") && loop.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(300));
            assertTrue(loop.isAlive(), Files.readString(tmp.resolve("child.log")));
            loop.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            seen.add(checkOneGeneration(out));
            ReportFolderTest.open(out).close(); // the dead run's lock is taken over
        }
        assertEquals(8, seen.size(), "each kill left the report of its own run: " + seen);
    }

    private static boolean committed(Path out, String prefix) throws IOException {
        try {
            return Files.readString(out.resolve("run.json")).startsWith(prefix);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** Every report file there is of one generation, with exactly one findings file; returns the generation. */
    private static String checkOneGeneration(Path out) throws IOException {
        Set<String> generations = new HashSet<>();
        int findings = 0;
        for (String name : List.of("findings.csv", "findings.jsonl", "rejects.csv", "summary.txt", "run.json")) {
            Path file = out.resolve(name);
            if (Files.exists(file)) {
                generations.add(Files.readString(file));
                findings += name.startsWith("findings") ? 1 : 0;
            } else {
                assertTrue(name.startsWith("findings"), name + " is missing");
            }
        }
        assertEquals(1, generations.size(), "a mix of reports: " + generations);
        assertEquals(1, findings, "one findings file");
        return generations.iterator().next();
    }
}
