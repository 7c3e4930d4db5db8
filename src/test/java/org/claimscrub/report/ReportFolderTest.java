package org.claimscrub.report;

import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReportFolderTest {
    static final Set<String> NAMES = Set.of("findings.csv", "findings.jsonl", "rejects.csv", "summary.txt",
            "run.json");

    @TempDir
    Path tmp;

    static ReportFolder open(Path folder) throws ReportFolderException {
        ReportFolder opened = new ReportFolder(folder, NAMES);
        opened.open();
        return opened;
    }

    /** Writes and commits a report whose every file says which generation it is. */
    static void report(Path folder, String generation, String findingsName) throws IOException {
        try (ReportFolder opened = open(folder)) {
            try (ReportFiles files = opened.newReport()) {
                for (String name : List.of(findingsName, "rejects.csv", "summary.txt", "run.json")) {
                    files.write(name, w -> w.write(generation));
                }
                files.commit();
            }
            opened.commit();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static List<String> visible(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(ReportFolder.STORE)).sorted()
                    .toList();
        }
    }

    @Test
    void aNewReportReplacesTheOldOneWholeAndUsersFindItUnderTheFolder() throws IOException {
        Path out = tmp.resolve("out");
        report(out, "one", "findings.csv");
        report(out, "two", "findings.csv");
        for (String name : List.of("findings.csv", "rejects.csv", "summary.txt", "run.json")) {
            assertEquals("two", read(out.resolve(name)), name);
        }
        try (Stream<Path> store = Files.list(out.resolve(ReportFolder.STORE))) {
            assertEquals(1, store.filter(p -> p.getFileName().toString().startsWith("report-")).count(),
                    "the old generation is removed");
        }
    }

    @Test
    void switchingFormatLeavesNoFileOfTheOldFormat() throws IOException {
        Path out = tmp.resolve("out");
        report(out, "one", "findings.csv");
        report(out, "two", "findings.jsonl");
        assertEquals(List.of("findings.jsonl", "rejects.csv", "run.json", "summary.txt"), visible(out));
    }

    @Test
    void aSecondRunIntoTheFolderIsRefusedAtOnceAndTouchesNothingOfTheFirst() throws IOException {
        Path out = tmp.resolve("out");
        try (ReportFolder first = open(out)) {
            SpillFolder work = first.newWorkFolder();
            Path spill = work.newFile("lines-");
            ReportFolderException e = assertThrows(ReportFolderException.class, () -> open(out));
            assertTrue(e.busy());
            assertTrue(e.getMessage().contains("another claimscrub run is writing into the report folder"),
                    e.getMessage());
            assertTrue(Files.exists(spill), "the first run's work files stay");
        }
        open(out).close();
    }

    @Test
    void staleWorkFolderLinksAreRemovedWithoutFollowingThem() throws IOException {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("precious.txt"), "someone else's");
        Path out = tmp.resolve("out");
        report(out, "one", "findings.csv");
        Path plantedOld = Files.createSymbolicLink(out.resolve(".claimscrub-work-x"), victim);
        Path plantedNew = Files.createSymbolicLink(out.resolve(ReportFolder.STORE).resolve("work-x"), victim);
        open(out).close();
        assertFalse(Files.exists(plantedOld, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(plantedNew, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(victim.resolve("precious.txt")), "the link's target keeps its files");
    }

    @Test
    void aPlantedCurrentLinkNeverLeadsTheCleanUpOutOfTheStore() throws IOException {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("precious.txt"), "someone else's");
        Path out = tmp.resolve("out");
        report(out, "one", "findings.csv");
        Path current = out.resolve(ReportFolder.STORE).resolve("current");
        Files.delete(current);
        Files.createSymbolicLink(current, victim);
        report(out, "two", "findings.csv");
        assertTrue(Files.exists(victim.resolve("precious.txt")));
        assertEquals("two", read(out.resolve("findings.csv")));
    }

    @Test
    void aReportNameBlockedByAFolderIsRefusedBeforeAnyWork() throws IOException {
        Path out = tmp.resolve("out");
        report(out, "one", "findings.csv");
        Files.delete(out.resolve("summary.txt"));
        Files.createDirectory(out.resolve("summary.txt"));
        ReportFolderException e = assertThrows(ReportFolderException.class, () -> open(out));
        assertFalse(e.busy());
        assertTrue(e.getMessage().contains("holds a folder named summary.txt"), e.getMessage());
        assertEquals("one", read(out.resolve("findings.csv")));
    }

    @Test
    void aCommitThatFailsOnAFileLeavesTheOldReportWhole() throws IOException {
        Path out = tmp.resolve("out");
        report(out, "one", "findings.jsonl");
        try (ReportFolder second = open(out)) {
            try (ReportFiles files = second.newReport()) {
                for (String name : List.of("findings.csv", "rejects.csv", "summary.txt", "run.json")) {
                    files.write(name, w -> w.write("two"));
                }
                files.commit();
            }
            Files.createDirectory(out.resolve("findings.csv")); // blocked after the checks, while writing
            assertThrows(ReportFolderException.class, second::commit);
        }
        assertEquals(List.of("findings.csv", "findings.jsonl", "rejects.csv", "run.json", "summary.txt"), visible(out));
        for (String name : List.of("findings.jsonl", "rejects.csv", "summary.txt", "run.json")) {
            assertEquals("one", read(out.resolve(name)), name + " is still the old report's");
        }
    }

    @Test
    void aReportOfClaimscrub01IsReplacedWithRunJsonLast() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        for (String name : List.of("findings.csv", "rejects.csv", "summary.txt", "run.json")) {
            Files.writeString(out.resolve(name), "old");
        }
        Files.writeString(out.resolve(".claimscrub-findings.csv.123.tmp"), "left by a killed 0.1 run");
        Files.writeString(out.resolve("notes.txt"), "the user's");
        report(out, "new", "findings.jsonl");
        assertEquals(List.of("findings.jsonl", "notes.txt", "rejects.csv", "run.json", "summary.txt"), visible(out));
        assertEquals("new", read(out.resolve("run.json")));
        assertEquals("the user's", read(out.resolve("notes.txt")), "files that are not the report's stay");
    }

    @Test
    void inputsUnderAReportNameAreFoundThroughLinks() throws IOException {
        Path out = tmp.resolve("out");
        report(out, "one", "findings.csv");
        Path aside = Files.createSymbolicLink(tmp.resolve("aside.csv"), out.resolve("findings.csv"));
        Path mine = Files.writeString(out.resolve("mine.csv"), "x");
        try (ReportFolder opened = open(out)) {
            assertTrue(opened.holds(out.resolve("findings.csv")));
            assertTrue(opened.holds(aside));
            assertFalse(opened.holds(mine), "a file of the user's beside the report is not replaced");
            assertFalse(opened.holds(tmp.resolve("missing.csv")));
        }
    }

    @Test
    void aFolderWithoutAReportIsLeftAsItWas() throws IOException {
        Path made = tmp.resolve("made");
        open(made).close();
        assertFalse(Files.exists(made), "a folder this run made goes");
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        open(existing).close();
        try (Stream<Path> left = Files.list(existing)) {
            assertEquals(0, left.count(), "no lock file or store left behind");
        }
    }

    @Test
    void messagesNameTheProblemOfTheFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertTrue(assertThrows(ReportFolderException.class, () -> open(file)).getMessage()
                .endsWith("is a file, not a folder"));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        assertTrue(assertThrows(ReportFolderException.class, () -> open(dangling)).getMessage()
                .contains("is a symbolic link to " + tmp.resolve("nowhere") + ", which does not exist"));
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assertTrue(assertThrows(ReportFolderException.class, () -> open(readOnly)).getMessage()
                .endsWith("is read-only for this user"));
        assertTrue(assertThrows(ReportFolderException.class, () -> open(readOnly.resolve("below"))).getMessage()
                .contains("no permission to write in"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A file system without symbolic links: the same report, as plain files, replaced one by one, run.json last. */
    @Test
    void withoutSymbolicLinksTheReportIsWrittenAsPlainFilesAndReplacedWhole() throws IOException {
        Path out = tmp.resolve("share");
        for (String generation : List.of("one", "two")) {
            try (ReportFolder opened = new ReportFolder(out, NAMES, false)) {
                opened.open();
                assertTrue(opened.replacesFileByFile());
                try (ReportFiles files = opened.newReport()) {
                    String findings = generation.equals("one") ? "findings.jsonl" : "findings.csv";
                    for (String name : List.of(findings, "rejects.csv", "summary.txt", "run.json")) {
                        files.write(name, w -> w.write(generation));
                    }
                    files.commit();
                }
                opened.commit();
            }
        }
        assertEquals(List.of("findings.csv", "rejects.csv", "run.json", "summary.txt"), visible(out),
                "the other format's file of the first report is gone, and no store or temporary file is left");
        for (String name : visible(out)) {
            Path file = out.resolve(name);
            assertFalse(Files.isSymbolicLink(file), name);
            assertEquals("two", read(file), name);
        }
        assertFalse(Files.exists(out.resolve(ReportFolder.STORE)));
    }

    @Test
    void withoutSymbolicLinksARunThatNeverCommitsLeavesTheOldReport() throws IOException {
        Path out = tmp.resolve("share");
        try (ReportFolder opened = new ReportFolder(out, NAMES, false)) {
            opened.open();
            try (ReportFiles files = opened.newReport()) {
                files.write("findings.csv", w -> w.write("one"));
                files.write("run.json", w -> w.write("one"));
                files.commit();
            }
            opened.commit();
        }
        try (ReportFolder opened = new ReportFolder(out, NAMES, false)) {
            opened.open();
            try (ReportFiles files = opened.newReport()) {
                files.write("findings.csv", w -> w.write("two"));
                // killed here: never committed
            }
        }
        assertEquals(List.of("findings.csv", "run.json"), visible(out));
        assertEquals("one", read(out.resolve("findings.csv")));
    }

    @Test
    void aFolderWhereLinksCanBeMadeUsesThem() throws IOException {
        try (ReportFolder opened = open(tmp.resolve("out"))) {
            assertFalse(opened.replacesFileByFile());
        }
    }
}
