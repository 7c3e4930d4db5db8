package org.claimscrub.cli;

import org.claimscrub.bench.SyntheticBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run killed midway (kill -9: no shutdown hook, no cleanup) leaves no report, whole or partial. */
class KilledRunTest {
    @TempDir
    Path tmp;

    @Test
    void aRunKilledMidwayLeavesNoPartialReportAndTheNextRunCleansUp() throws Exception {
        Path input = tmp.resolve("synthetic-batch.csv");
        SyntheticBatch.write(input, 400_000);
        Path out = tmp.resolve("report");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "scrub", "--quiet", "--memory-lines", "50000", "--rules", "rules",
                "--out", out.toString(), input.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!workStarted(out) && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertTrue(run.isAlive(), "the run must still be going when killed: " + Files.readString(
                tmp.resolve("child.log")));
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        for (String report : List.of("findings.csv", "rejects.csv", "summary.txt", "summary.html",
                "reference-files.csv", "run.json")) {
            assertFalse(Files.exists(out.resolve(report)), report + " must not exist after a killed run");
        }

        Path small = tmp.resolve("small.csv");
        Files.write(small, List.of(BatchFixtures.HEADER, BatchFixtures.line("K-1", 1, "88305", 1, "PT5001")));
        assertEquals(ExitCode.OK.code(), BatchFixtures.scrub("--out", out.toString(), small.toString()));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of("claims.csv", "findings.csv", "notices.csv", "reference-files.csv", "rejects.csv", "run.json", "summary.html",
                    "summary.txt"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the next run in the folder removes what the killed one left");
        }
    }

    private static boolean workStarted(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(".claimscrub-work-"));
        }
    }
}
