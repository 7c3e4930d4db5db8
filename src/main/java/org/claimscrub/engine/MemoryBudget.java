package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;

/**
 * How much heap the lines held for regrouping may take, in bytes, each line counted by an estimate of its own
 * size: a batch of huge cells spills as soon as a batch of ordinary lines of the same total size would, so no
 * input outgrows the budget by the size of its lines.
 */
public record MemoryBudget(long bytes) {
    /**
     * Heap an ordinary line costs while its partition is scrubbed (the line, its fact, its share of the session
     * and of the findings), measured generously; a line's own text is counted on top (see {@link #heapBytes}).
     */
    public static final long LINE_BYTES = 3_000;
    /** The least the default budget holds, however small the heap. */
    static final long MIN_DEFAULT_LINES = 10_000;

    public MemoryBudget {
        if (bytes < 1) {
            throw new IllegalArgumentException("the memory budget must be positive");
        }
    }

    /** A budget of so many ordinary lines (what --memory-lines says). */
    public static MemoryBudget ofLines(long lines) {
        return new MemoryBudget(Math.multiplyExact(lines, LINE_BYTES));
    }

    /**
     * A third of the maximum heap: partitions are sized to it and up to three are in flight while scrubbing; the
     * rest is for the rule base, sessions, findings and buffers.
     */
    public static MemoryBudget fromHeap(long maxHeap) {
        return new MemoryBudget(Math.max(MIN_DEFAULT_LINES * LINE_BYTES, maxHeap / 3));
    }

    /** About how many ordinary lines the budget holds. */
    public long lines() {
        return Math.max(1, bytes / LINE_BYTES);
    }

    /**
     * An estimate of what a line costs while held and scrubbed: the ordinary cost plus two bytes a character of its
     * own text (claim id, patient, payer, NPIs, visit scope), which an ordinary line keeps short; codes, dates and
     * modifiers are shared between lines and are in the ordinary cost.
     */
    public static long heapBytes(ClaimLine line) {
        long chars = length(line.claimId()) + length(line.patientId()) + length(line.payerId())
                + length(line.billingNpi()) + length(line.renderingNpi()) + length(line.visit().scope())
                + length(line.source().file());
        for (String diagnosis : line.diagnosisCodes()) {
            chars += diagnosis.length();
        }
        return LINE_BYTES + 2 * chars;
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }
}
