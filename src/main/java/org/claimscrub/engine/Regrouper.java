package org.claimscrub.engine;

import org.claimscrub.concurrent.Handoff;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.spill.SpillFolder;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Brings together the lines that cross-line edits need together, whatever the input order, within a memory
 * budget in bytes ({@link MemoryBudget}: each line counted by its estimated size). Lines stay in memory while they
 * fit the budget; past it, every line is spilled to one of several
 * partition files chosen by its visit's scope (patient and billing provider, or the claim), so a visit and
 * each claim of one patient land whole in one partition, and each partition fits the budget when loaded back
 * (partitions aim at {@link #PARTITION_LINES} ordinary lines or the budget, whichever is smaller, in bytes).
 * Within a partition lines keep their input order.
 */
public final class Regrouper implements AutoCloseable {
    static final int MIN_PARTITIONS = 4;
    static final int MAX_PARTITIONS = 512;
    /**
     * Spilled partitions aim at this many lines even when the budget allows more: three partitions are in
     * flight while scrubbing, and smaller ones keep the live heap small, so the collector copies less (a 1M-line
     * batch scrubs in 7 s instead of 8.7 s with partitions of 25,000 lines rather than 106,000).
     */
    static final int PARTITION_LINES = 25_000;
    /** Lines handed to the spill thread at a time. */
    static final int SPILL_BATCH = 4_096;
    private static final short SPLIT = -1;
    private static final int MAX_SLOT_BITS = 23;
    private static final int FIRST_HASH = 0x9E3779B9;
    private static final int SECOND_HASH = 0x85EBCA6B;

    private final MemoryBudget budget;
    /** Estimated heap of the lines in {@link #buffer}. */
    private long heldBytes;
    private final SpillFolder spillFolder;
    private final LongSupplier expectedLines;
    private final SpillCodec codec = new SpillCodec();
    private List<ClaimLine> buffer = new ArrayList<>();
    private List<ClaimLine> batch;
    /**
     * Encodes and writes spilled lines while the caller reads on (spilling took a third of the reading thread);
     * lines are written in the order they were added.
     */
    private Handoff<List<ClaimLine>> writer;
    private OutputStream[] spills;
    private Path[] spillFiles;
    private long[] spillCounts;
    /**
     * Once it spills, two tables of the partition (plus one) of the claims whose ids hash to each slot, or
     * {@link #SPLIT} when they went to more than one: a claim whose lines name several patients or providers can
     * be split, and a slot shared by claims of two partitions only makes a claim look split, so a claim looks
     * split only when its slots in both tables (hashed apart) say so. Fixed in size (at most 32 MiB in all).
     */
    private short[] claimSlots;
    private short[] claimSlotsAgain;
    private int slotShift;

    /**
     * @param budget        how much heap the lines held in memory may take
     * @param spillFolder   where partition files go if the batch outgrows the budget (encrypted)
     * @param expectedLines estimate of the batch's total lines, asked once when spilling starts, to size the
     *                      partitions
     */
    public Regrouper(MemoryBudget budget, SpillFolder spillFolder, LongSupplier expectedLines) {
        this.budget = budget;
        this.spillFolder = spillFolder;
        this.expectedLines = expectedLines;
    }

    public void add(ClaimLine line) throws IOException {
        if (spills != null) {
            batch.add(line);
            if (batch.size() == SPILL_BATCH) {
                writer.submit(batch);
                batch = new ArrayList<>(SPILL_BATCH);
            }
            return;
        }
        buffer.add(line);
        heldBytes += MemoryBudget.heapBytes(line);
        if (heldBytes >= budget.bytes()) {
            startSpilling();
        }
    }

    public boolean spilled() {
        return spills != null;
    }

    /** How many partitions the spill writes (0 before it spills): a size for other per-batch spills. */
    public int partitionCount() {
        return spills == null ? 0 : spills.length;
    }

    /**
     * Whether some lines of the claim may be in another partition than the others (after {@link #finish}): never
     * while nothing spilled; when unsure, true.
     */
    public boolean maySplit(String claimId) {
        int hash = claimId.hashCode();
        return claimSlots != null && claimSlots[slot(hash, FIRST_HASH)] == SPLIT
                && claimSlotsAgain[slot(hash, SECOND_HASH)] == SPLIT;
    }

    private int slot(int hash, int multiplier) {
        return ((hash ^ (hash >>> 16)) * multiplier) >>> slotShift;
    }

    private static void mark(short[] slots, int slot, short partition) {
        short was = slots[slot];
        if (was != partition) {
            slots[slot] = was == 0 ? partition : SPLIT;
        }
    }

    /** Ends the input; returns the partitions to scrub one after another. */
    public List<Partition> finish() throws IOException {
        if (spills == null) {
            List<ClaimLine> lines = buffer;
            buffer = null;
            return List.of(new Partition(lines.size(), () -> lines));
        }
        writer.submit(batch);
        batch = null;
        writer.finish();
        List<Partition> partitions = new ArrayList<>(spills.length);
        for (int i = 0; i < spills.length; i++) {
            spills[i].close();
            Path file = spillFiles[i];
            long count = spillCounts[i];
            partitions.add(new Partition(count, () -> load(spillFolder, file, count, codec)));
        }
        return partitions;
    }

    private void startSpilling() throws IOException {
        long expected = Math.max(expectedLines.getAsLong(), buffer.size());
        // the lines so far tell the average size of the rest
        double expectedBytes = (double) heldBytes / buffer.size() * expected;
        double partitionBytes = Math.min(budget.bytes(), PARTITION_LINES * MemoryBudget.LINE_BYTES);
        // a quarter of headroom, so an estimate on the low side still leaves each partition within budget
        long wanted = (long) (expectedBytes * 1.25 / partitionBytes) + 1;
        int count = (int) Math.max(MIN_PARTITIONS, Math.min(MAX_PARTITIONS, wanted));
        OutputStream[] streams = new OutputStream[count];
        spillFiles = new Path[count];
        spillCounts = new long[count];
        try {
            for (int i = 0; i < count; i++) {
                spillFiles[i] = spillFolder.newFile("lines-" + i + "-");
                streams[i] = spillFolder.output(spillFiles[i]);
            }
        } catch (IOException e) {
            closeAndDelete(streams, spillFiles);
            throw e;
        }
        spills = streams;
        // four slots a line in each table keep claims that only look split under 1% of a 1M-line batch's; past 2M
        // lines the tables stay at their cap (at 10M, 0.8 slots a line: some percent of the claims look split and
        // are joined in the report's merge). A batch of unknown size (a pipe) is taken as large.
        long sized = expected > buffer.size() ? expected : Long.MAX_VALUE / 8;
        int slotBits = Math.min(MAX_SLOT_BITS, 64 - Long.numberOfLeadingZeros(Math.max(1 << 13, sized * 4)));
        claimSlots = new short[1 << slotBits];
        claimSlotsAgain = new short[1 << slotBits];
        slotShift = 32 - slotBits;
        writer = new Handoff<>("claimscrub-spill", this::spill);
        writer.submit(buffer);
        buffer = null;
        batch = new ArrayList<>(SPILL_BATCH);
    }

    /** Spills a batch on the writer's thread; stops early when the regrouper is closed midway. */
    private void spill(List<ClaimLine> lines) throws IOException {
        for (ClaimLine line : lines) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            spill(line);
        }
    }

    private void spill(ClaimLine line) throws IOException {
        int p = Math.floorMod(line.visit().scope().hashCode(), spills.length);
        codec.writeLine(spills[p], line);
        spillCounts[p]++;
        int hash = line.claimId().hashCode();
        mark(claimSlots, slot(hash, FIRST_HASH), (short) (p + 1));
        mark(claimSlotsAgain, slot(hash, SECOND_HASH), (short) (p + 1));
    }

    private static List<ClaimLine> load(SpillFolder folder, Path file, long count, SpillCodec codec) {
        try {
            List<ClaimLine> lines = codec.readLines(folder.readAll(file), count);
            Files.delete(file);
            return lines;
        } catch (EOFException e) {
            throw new UncheckedIOException("spill file " + file + " is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back spill file " + file, e);
        }
    }

    /** Closes and deletes any spill files left. */
    @Override
    public void close() throws IOException {
        if (spills == null) {
            return;
        }
        writer.close();
        closeAndDelete(spills, spillFiles);
    }

    private static void closeAndDelete(OutputStream[] streams, Path[] files) throws IOException {
        for (int i = 0; i < files.length; i++) {
            if (streams[i] != null) {
                streams[i].close();
            }
            if (files[i] != null) {
                Files.deleteIfExists(files[i]);
            }
        }
    }

    /** One group of lines that no cross-line edit reaches beyond; load it to scrub it. */
    public static final class Partition {
        private final long lines;
        private final Loader loader;

        Partition(long lines, Loader loader) {
            this.lines = lines;
            this.loader = loader;
        }

        public long lineCount() {
            return lines;
        }

        /**
         * The partition's lines in input order, in a list the caller may change. A spilled partition's file is
         * deleted once read.
         */
        public List<ClaimLine> load() {
            return loader.load();
        }
    }

    private interface Loader {
        List<ClaimLine> load();
    }
}
