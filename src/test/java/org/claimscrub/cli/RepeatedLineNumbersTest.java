package org.claimscrub.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.claimscrub.cli.BatchFixtures.HEADER;
import static org.claimscrub.cli.BatchFixtures.line;
import static org.claimscrub.cli.BatchFixtures.read;
import static org.claimscrub.cli.BatchFixtures.scrub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line number repeated within a claim is found over the whole batch, whether or not it spills. */
class RepeatedLineNumbersTest {
    private static final List<String> REPORT = List.of("findings.csv", "rejects.csv", "summary.txt");

    @TempDir
    Path tmp;

    /** Three claims whose two lines (same number) carry different patient ids: different spill partitions. */
    private Path claimsWithRepeatsAcrossPatients() throws IOException {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int c = 0; c < 3; c++) {
            rows.add(line("REP-" + c, 1, "88305", 1, "PT-A" + c));
            rows.add(line("REP-" + c, 1, "88342", 1, "PT-B" + c));
        }
        return Files.write(tmp.resolve("repeats-across-patients.csv"), rows);
    }

    @Test
    void repeatedLineNumbersAcrossPatientsGiveByteIdenticalReportsSpilledOrNot() throws IOException {
        String input = claimsWithRepeatsAcrossPatients().toString();
        assertEquals(1, scrub("--memory-lines", "1000", "--out", tmp.resolve("memory").toString(), input));
        assertEquals(1, scrub("--memory-lines", "1", "--out", tmp.resolve("spilled").toString(), input));
        assertTrue(read(tmp.resolve("spilled/run.json")).contains("\"spilled_to_disk\": true"));
        for (String file : REPORT) {
            assertEquals(read(tmp.resolve("memory").resolve(file)), read(tmp.resolve("spilled").resolve(file)), file);
        }
        String summary = read(tmp.resolve("spilled/summary.txt"));
        assertTrue(summary.contains("6 read = 3 scrubbed + 3 rejected"), summary);
        assertTrue(summary.contains("3 in all"), summary);
        assertEquals(3, read(tmp.resolve("spilled/rejects.csv")).lines()
                .filter(l -> l.contains("appears twice in claim REP-")).count());
    }

    /** A pipe cannot be read twice: the raw text of the repeated line comes with the line as it was read. */
    @Test
    void theRawTextOfARepeatedLineIsKeptWhenTheInputIsAPipe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "needs mkfifo to make a pipe");
        Path content = claimsWithRepeatsAcrossPatients();
        for (String budget : List.of("1000", "1")) {
            Path fifo = tmp.resolve("pipe-" + budget);
            assertEquals(0, new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor());
            Thread writer = new Thread(() -> {
                try {
                    Files.write(fifo, Files.readAllBytes(content));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            Path out = tmp.resolve("out-" + budget);
            // a second read of the pipe would wait for ever: the guard turns that into a failure
            int exit = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> scrub("--memory-lines", budget,
                    "--out", out.toString(), fifo.toString()));
            assertEquals(1, exit);
            String rejects = read(out.resolve("rejects.csv"));
            List<String> repeated = rejects.lines().filter(l -> l.contains("appears twice")).toList();
            assertEquals(3, repeated.size(), rejects);
            for (String reject : repeated) {
                assertTrue(reject.contains(",88342,"), "the raw text holds the line: " + reject);
                assertFalse(reject.endsWith(","), "raw text is not empty: " + reject);
            }
        }
    }
}
