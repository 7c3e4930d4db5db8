package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.claimscrub.engine.Lines.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How visits are packed into sessions. */
class ScrubberTest {

    @Test
    void aSmallBatchIsSplitIntoOneSessionPerWorkerOfAboutTheSameSize() {
        List<List<ClaimLine>> visits = visits(320);
        List<List<List<ClaimLine>>> chunks = Scrubber.chunks(visits, 2);
        assertEquals(2, chunks.size());
        for (List<List<ClaimLine>> chunk : chunks) {
            assertTrue(Math.abs(lines(chunk) - 160) < 3, "half of the lines, give or take a visit: " + lines(chunk));
        }
        assertEquals(visits, flatten(chunks), "whole visits, in order, each once");
        assertEquals(1, Scrubber.chunks(visits, 1).size());
        assertEquals(1, Scrubber.chunks(visits(3), 2).size(), "a visit is never split");
    }

    @Test
    void aLargeBatchKeepsSessionsOfAboutSessionLines() {
        List<List<ClaimLine>> visits = visits(5 * Scrubber.SESSION_LINES);
        List<List<List<ClaimLine>>> chunks = Scrubber.chunks(visits, 2);
        assertEquals(Scrubber.chunks(visits), chunks);
        assertTrue(chunks.size() >= 4, chunks.size() + " chunks");
        for (List<List<ClaimLine>> chunk : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(lines(chunk) >= Scrubber.SESSION_LINES && lines(chunk) < Scrubber.SESSION_LINES + 3);
        }
        assertEquals(visits, flatten(chunks));
    }

    /** Visits of one to three lines, {@code total} lines in all. */
    private static List<List<ClaimLine>> visits(int total) {
        List<List<ClaimLine>> visits = new ArrayList<>();
        int made = 0;
        for (int v = 0; made < total; v++) {
            List<ClaimLine> visit = new ArrayList<>();
            for (int n = 1; n <= 1 + v % 3 && made < total; n++, made++) {
                visit.add(line("88305").claim("C" + v, n).patient("PT" + v).build());
            }
            visits.add(visit);
        }
        return visits;
    }

    private static int lines(List<List<ClaimLine>> chunk) {
        return chunk.stream().mapToInt(List::size).sum();
    }

    private static List<List<ClaimLine>> flatten(List<List<List<ClaimLine>>> chunks) {
        return chunks.stream().flatMap(List::stream).toList();
    }
}
