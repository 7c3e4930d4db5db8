package org.claimscrub.cli;

import org.claimscrub.report.ReportFolder;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.claimscrub.cli.BatchFixtures.HEADER;
import static org.claimscrub.cli.BatchFixtures.SAMPLES;
import static org.claimscrub.cli.BatchFixtures.line;
import static org.claimscrub.cli.BatchFixtures.scrub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator mistakes and hostile input at the command line: clear messages, nothing lost, nothing echoed raw. */
class ScrubSafetyTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private String stderr() {
        return console.err();
    }

    private static String clean() {
        return SAMPLES.resolve("clean-batch.csv").toString();
    }

    @Test
    void aSecondRunIntoABusyFolderExitsAtOnceWithItsOwnCodeAndLeavesTheFirstRunsWorkFiles() throws IOException {
        Path report = tmp.resolve("report");
        try (ReportFolder first = new ReportFolder(report, ScrubCommand.REPORT_NAMES)) {
            first.open();
            SpillFolder work = first.newWorkFolder();
            Path spill = work.newFile("lines-");
            assertEquals(ExitCode.BUSY.code(), scrub("--out", report.toString(), clean()));
            assertTrue(stderr().contains("another claimscrub run is writing into the report folder"), stderr());
            assertTrue(Files.exists(spill), "the first run's spill files stay");
        }
        assertEquals(ExitCode.OK.code(), scrub("--out", report.toString(), clean()), "free again once it ends");
    }

    @Test
    void anInputUnderAReportNameIsRefusedBeforeAnyWorkAndKept() throws IOException {
        Path ow = tmp.resolve("ow");
        assertEquals(ExitCode.OK.code(), scrub("--out", ow.toString(), clean()));
        String findings = Files.readString(ow.resolve("findings.csv"));
        assertEquals(ExitCode.USAGE.code(), scrub("--out", ow.toString(), ow.resolve("findings.csv").toString()));
        assertTrue(stderr().contains("is part of the report in " + ow + ", which this run replaces"), stderr());
        assertEquals(findings, Files.readString(ow.resolve("findings.csv")), "the input is not overwritten");
    }

    /** A run refused before any work compiles nothing, so it writes nothing anywhere after its message. */
    @Test
    void aRunRefusedAtTheReportFolderLeavesTheRuleCacheAlone() throws Exception {
        Path ow = tmp.resolve("ow");
        assertEquals(ExitCode.OK.code(), scrub("--out", ow.toString(), clean()));
        Path busyOut = tmp.resolve("busy");
        Path cache = tmp.resolve("cache");
        try (ReportFolder first = new ReportFolder(busyOut, ScrubCommand.REPORT_NAMES)) {
            first.open();
            assertEquals(ExitCode.BUSY.code(), scrub("--rule-cache", cache.toString(), "--out", busyOut.toString(),
                    clean()));
        }
        assertEquals(ExitCode.USAGE.code(), scrub("--rule-cache", cache.toString(), "--out", ow.toString(),
                ow.resolve("findings.csv").toString()));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("claimscrub-rules")) {
                t.join();  // a compile the refused runs left behind, if any, to its end
            }
        }
        assertFalse(Files.exists(cache), "no rule cache entry or note written for a refused run");
    }

    @Test
    void aMissingRulesFolderIsARulesProblemNotAMissingReferenceTable() {
        Path out = tmp.resolve("out");
        assertEquals(ExitCode.RULES.code(), Main.run("scrub", "--quiet", "--rules", tmp.resolve("nonexistent")
                .toString(), "--out", out.toString(), clean()));
        assertTrue(stderr().contains("rules folder not found: " + tmp.resolve("nonexistent")), stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void anInputThatIsAFolderIsNamedAsSuch() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("claims"));
        Path out = tmp.resolve("out");
        assertEquals(ExitCode.INPUT.code(), scrub("--out", out.toString(), folder.toString()));
        assertTrue(stderr().contains(folder + ": is a folder, not a claim file"), stderr());
        assertFalse(Files.exists(out), "no report folder left behind by a failed run");
    }

    @Test
    void aReportFolderThatIsAFileOrADanglingLinkSaysSo() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(ExitCode.OUTPUT.code(), scrub("--out", file.toString(), clean()));
        assertTrue(stderr().contains("the report folder " + file + " is a file, not a folder"), stderr());
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("gone"));
        assertEquals(ExitCode.OUTPUT.code(), scrub("--out", dangling.toString(), clean()));
        assertTrue(stderr().contains("is a symbolic link to " + tmp.resolve("gone") + ", which does not exist"),
                stderr());
    }

    @Test
    void noWorkFileOrLockIsLeftOnAnyExit() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(ExitCode.INPUT.code(), scrub("--out", out.toString(), tmp.resolve("missing.csv").toString()));
        Path rules = BatchFixtures.copyOfRules(tmp.resolve("rules"));
        Files.delete(rules.resolve("reference/codes.csv"));
        assertEquals(ExitCode.REFERENCE_DATA.code(), Main.run("scrub", "--quiet", "--rules", rules.toString(),
                "--out", out.toString(), clean()));
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "the folder is as it was");
        }
        Path input = tmp.resolve("spilled.csv");
        Files.write(input, List.of(HEADER, line("S-1", 1, "88305", 1, "PT1"), line("S-2", 1, "88305", 1, "PT2"),
                line("S-3", 1, "88305", 1, "PT3")));
        assertEquals(ExitCode.OK.code(), scrub("--memory-lines", "1", "--out", out.toString(), input.toString()));
        try (var store = Files.list(out.resolve(ReportFolder.STORE))) {
            assertTrue(store.map(p -> p.getFileName().toString()).noneMatch(n -> n.startsWith("work-")));
        }
    }

    @Test
    void rejectsEchoedOnTheConsoleAreEscapedAndCut() throws IOException {
        Path input = tmp.resolve("evil\u001b[2J.csv");
        String forged = "\"88305\u001b[31m\nLines:    999 read = 999 scrubbed + 0 rejected\"";
        Files.writeString(input, HEADER + "\n"
                + line("E-1", 1, "88305", 1, "PT1").replace(",88305,", "," + forged + ",") + "\n"
                + line("E-2", 1, "88305", 1, "PT2").replace(",88305,", "," + "9".repeat(100_000) + ",") + "\n");
        assertEquals(ExitCode.FINDINGS.code(), scrub("--out", tmp.resolve("out").toString(), input.toString()));
        String printed = console.out();
        assertFalse(printed.contains("\u001b"), "no escape sequence reaches the terminal");
        assertEquals(1, printed.lines().filter(l -> l.startsWith("Lines:")).count(), printed);
        assertTrue(printed.lines().allMatch(l -> l.length() < 1_000), "a long cell is cut");
        assertTrue(printed.contains("evil\\x1b[2J.csv"), printed);
    }
}
