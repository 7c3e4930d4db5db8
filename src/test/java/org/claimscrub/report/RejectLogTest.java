package org.claimscrub.report;

import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectLogTest {
    @TempDir
    Path tmp;

    private static Reject reject(long line) {
        return new Reject(new SourceRef(0, "made-up.csv", line), "C" + line, "units", "bad", "raw " + line);
    }

    @Test
    void spillsPastTheMemoryLimitAndMergesLateRejectsByPosition() throws IOException {
        int many = RejectLog.MEMORY_REJECTS + 500;
        try (RejectLog log = new RejectLog(SpillFolder.create(tmp, "work-"))) {
            for (int i = 0; i < many; i++) {
                log.add(reject(2L * i + 2));
            }
            log.addLate(List.of(reject(2L * many + 1), reject(3), reject(2L * RejectLog.MEMORY_REJECTS + 7)));
            assertEquals(many + 3, log.size());
            List<Long> order = new ArrayList<>();
            for (Reject r : log.all()) {
                order.add(r.source().line());
            }
            List<Long> sorted = new ArrayList<>(order);
            sorted.sort(Long::compare);
            assertEquals(sorted, order);
            assertEquals(many + 3, order.size());
        }
    }

    @Test
    void aCellOver64KbSpillsAfterTheMemoryLimit() throws IOException {
        String huge = "X".repeat(100_000) + "\u00e9";
        Reject big = new Reject(new SourceRef(0, "made-up.csv", 1_000_000), huge, "claim_id", "too long: " + huge,
                huge);
        try (RejectLog log = new RejectLog(SpillFolder.create(tmp, "work-"))) {
            for (int i = 0; i < RejectLog.MEMORY_REJECTS; i++) {
                log.add(reject(i + 2));
            }
            log.add(big);
            Reject last = null;
            for (Reject r : log.all()) {
                last = r;
            }
            assertEquals(big, last, "every field of a long reject survives the spill");
        }
    }
}
