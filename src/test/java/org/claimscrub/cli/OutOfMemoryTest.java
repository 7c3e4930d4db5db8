package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that outgrows the heap exits with its own code and one line of advice, never a stack trace and exit 1. */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    /** The reader bounds a record, so one huge line (84 MB here, 700 MB in the field) is a reject, not a crash. */
    @Test
    void aLineLargerThanTheHeapIsRejectedAndTheBatchGoesOn() throws Exception {
        Path input = tmp.resolve("one-huge-claim-id.csv");
        try (OutputStream out = Files.newOutputStream(input)) {
            out.write((BatchFixtures.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "HUGE-CLAIM-ID-".repeat(1_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 6_000; i++) {
                out.write(chunk);
            }
            out.write((",1,2025-03-11,88305,,1,PT1,1900000013,1999000114,professional,,81,100.00,D12.5,\n"
                    + BatchFixtures.line("OK-1", 1, "88305", 1, "PT2") + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Path out = tmp.resolve("report");
        Process run = child(out, input, "-Xmx96m");
        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the run ends");
        String log = Files.readString(tmp.resolve("child.log"));
        assertEquals(ExitCode.FINDINGS.code(), run.exitValue(), log);
        assertTrue(log.contains("Lines:    2 read = 1 scrubbed + 1 rejected"), log);
        assertTrue(log.contains("the record is longer than"), log);
        assertFalse(log.contains("\tat "), "no stack trace: " + log);
        assertTrue(Files.size(out.resolve("rejects.csv")) < 100_000, "the reject does not repeat the huge line");
    }

    /** A budget larger than the heap can hold runs out of memory: exit 9, one line of advice, nothing written. */
    @Test
    void runningOutOfMemoryIsItsOwnExitCodeWithOneLineOfAdvice() throws Exception {
        Path input = tmp.resolve("many-lines.csv");
        try (var w = Files.newBufferedWriter(input, StandardCharsets.US_ASCII)) {
            w.write(BatchFixtures.HEADER + "\n");
            for (int i = 0; i < 300_000; i++) {
                w.write(BatchFixtures.line("C-" + i, 1, "88305", 1, "PT" + i) + "\n");
            }
        }
        Path out = tmp.resolve("report");
        Process run = child(out, input, "-Xmx64m", "--memory-budget", "4g");
        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the run ends");
        String log = Files.readString(tmp.resolve("child.log"));
        assertEquals(ExitCode.OUT_OF_MEMORY.code(), run.exitValue(), log);
        assertTrue(log.contains(Main.OUT_OF_MEMORY_MESSAGE), log);
        assertFalse(log.contains("\tat "), "no stack trace: " + log);
        assertFalse(Files.exists(out.resolve("run.json")), "nothing written");
    }

    private Process child(Path out, Path input, String heap, String... options) throws IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBinary, heap, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "scrub", "--quiet", "--rules", "rules",
                "--out", out.toString()));
        command.addAll(List.of(options));
        command.add(input.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    @Test
    void theMemoryBudgetIsGivenInBytesOrLinesNotBoth() throws IOException {
        Path input = Files.write(tmp.resolve("one.csv"), List.of(BatchFixtures.HEADER,
                BatchFixtures.line("M-1", 1, "88305", 1, "PT1")));
        assertEquals(ExitCode.OK.code(), BatchFixtures.scrub("--memory-budget", "64m", "--out",
                tmp.resolve("a").toString(), input.toString()));
        assertTrue(BatchFixtures.read(tmp.resolve("a/run.json")).contains("\"memory_budget_bytes\": 67108864"));
        assertEquals(ExitCode.USAGE.code(), BatchFixtures.scrub("--memory-budget", "64m", "--memory-lines", "10",
                "--out", tmp.resolve("b").toString(), input.toString()));
        assertEquals(ExitCode.USAGE.code(), BatchFixtures.scrub("--memory-budget", "lots", "--out",
                tmp.resolve("c").toString(), input.toString()));
    }
}
