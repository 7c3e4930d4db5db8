package org.claimscrub.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportFilesTest {
    @TempDir
    Path tmp;

    @Test
    void twoGroupsWrittenAtOnceAreCommittedTogetherWithTheMarkerLast() throws IOException {
        try (ReportFiles report = new ReportFiles(tmp)) {
            report.inParallel(() -> {
                report.write("findings.csv", w -> w.write("f\n"));
                report.write("rejects.csv", w -> w.write("r\n"));
            }, () -> report.write("claims.csv", w -> w.write("c\n")));
            report.write("run.json", w -> w.write("{}"));
            report.commit();
        }
        assertEquals("f\n", Files.readString(tmp.resolve("findings.csv")));
        assertEquals("r\n", Files.readString(tmp.resolve("rejects.csv")));
        assertEquals("c\n", Files.readString(tmp.resolve("claims.csv")));
        assertEquals("{}", Files.readString(tmp.resolve("run.json")));
    }

    @Test
    void aFailureOnTheSecondThreadIsThrownAndNothingIsLeft() throws IOException {
        try (ReportFiles report = new ReportFiles(tmp)) {
            IOException failure = assertThrows(IOException.class, () -> report.inParallel(
                    () -> report.write("findings.csv", w -> w.write("f\n")),
                    () -> report.write("claims.csv", w -> {
                        throw new IOException("disk full");
                    })));
            assertEquals("disk full", failure.getMessage());
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no report file and no temporary file");
        }
    }
}
