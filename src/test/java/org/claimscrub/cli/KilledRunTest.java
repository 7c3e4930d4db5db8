package org.claimscrub.cli;

import org.claimscrub.bench.SyntheticBatch;
import org.claimscrub.engine.DrlRules;
import org.claimscrub.report.ReportFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs killed midway: kill -9 (no shutdown hook, no cleanup) leaves no report, whole or partial, and spill files
 * no one can read; SIGTERM leaves no work file, and no folder the run created.
 */
class KilledRunTest {
    private static final List<String> REPORT = List.of("claims.csv", "findings.csv", "notices.csv",
            "reference-files.csv", "rejects.csv", "run.json", "summary.html", "summary.txt");

    @TempDir
    Path tmp;

    private Process start(Path input, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "scrub", "--quiet", "--memory-lines", "50000", "--rules", "rules",
                "--out", out.toString(), input.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    private void waitFor(Process run, Predicate<Path> started, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!started.test(out) && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(run.isAlive(), "the run must still be going when killed: " + Files.readString(
                tmp.resolve("child.log")));
    }

    private Path batch(int lines) throws IOException {
        Path input = tmp.resolve("synthetic-batch.csv");
        SyntheticBatch.write(input, lines, DrlRules.unchained(DrlRules.primaries(Path.of("rules"))));
        return input;
    }

    @Test
    void aRunKilledMidwayLeavesNoPartialReportUnreadableSpillFilesAndTheNextRunCleansUp() throws Exception {
        Path input = batch(400_000);
        Path out = tmp.resolve("report");
        Process run = start(input, out);
        waitFor(run, KilledRunTest::spilling, out);
        Thread.sleep(300);
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        for (String report : REPORT) {
            assertFalse(Files.exists(out.resolve(report)), report + " must not exist after a killed run");
        }
        List<Path> left = spillFiles(out);
        assertFalse(left.isEmpty(), "kill -9 leaves the spill files");
        for (Path spill : left) {
            String text = new String(Files.readAllBytes(spill), StandardCharsets.ISO_8859_1);
            assertFalse(text.matches("(?s).*PT\\d{3}.*"), spill + " holds a patient id in clear");
        }

        Path small = tmp.resolve("small.csv");
        Files.write(small, List.of(BatchFixtures.HEADER, BatchFixtures.line("K-1", 1, "88305", 1, "PT5001")));
        assertEquals(ExitCode.OK.code(), BatchFixtures.scrub("--out", out.toString(), small.toString()),
                "the lock of the killed run is taken over");
        assertEquals(REPORT, visibleFiles(out));
        assertTrue(spillFiles(out).isEmpty(), "the next run in the folder removes what the killed one left");
    }

    @Test
    void sigtermWhileScrubbingLeavesTheOldReportAndNoWorkFile() throws Exception {
        Path out = tmp.resolve("report");
        Path small = tmp.resolve("small.csv");
        Files.write(small, List.of(BatchFixtures.HEADER, BatchFixtures.line("K-1", 1, "88305", 1, "PT5001")));
        assertEquals(ExitCode.OK.code(), BatchFixtures.scrub("--out", out.toString(), small.toString()));
        String oldFindings = Files.readString(out.resolve("findings.csv"));

        Process run = start(batch(400_000), out);
        waitFor(run, KilledRunTest::spilling, out);
        Thread.sleep(300);
        run.destroy();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));

        assertEquals(oldFindings, Files.readString(out.resolve("findings.csv")), "the old report stays");
        try (Stream<Path> store = Files.list(out.resolve(ReportFolder.STORE))) {
            assertTrue(store.noneMatch(p -> p.getFileName().toString().startsWith("work-")),
                    "SIGTERM removes the work folder");
        }
    }

    @Test
    void earlySigtermLeavesNoReportFolderThatWasNotThere() throws Exception {
        Path out = tmp.resolve("new-report");
        Process run = start(batch(100_000), out);
        waitFor(run, o -> Files.exists(o.resolve(ReportFolder.STORE)), out);
        run.destroy();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(out), "the run made the folder, and leaves none: " + Files.readString(
                tmp.resolve("child.log")));
    }

    /** Asked while the run goes: a file it deletes during the walk (its link probe, a spill file) means "ask again". */
    private static boolean spilling(Path out) {
        try {
            return !spillFiles(out).isEmpty();
        } catch (UncheckedIOException vanished) {
            return false;
        }
    }

    private static List<Path> spillFiles(Path out) {
        Path store = out.resolve(ReportFolder.STORE);
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(p -> p.toString().endsWith(".bin") && p.getParent().getFileName().toString()
                    .startsWith("work-")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> visibleFiles(Path out) throws IOException {
        try (Stream<Path> left = Files.list(out)) {
            return left.map(p -> p.getFileName().toString()).filter(n -> !n.equals(ReportFolder.STORE)).sorted()
                    .toList();
        }
    }
}
