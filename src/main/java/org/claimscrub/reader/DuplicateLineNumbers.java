package org.claimscrub.reader;

import org.claimscrub.concurrent.DaemonThreads;
import org.claimscrub.concurrent.TaskFailure;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.spill.SpillFolder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A claim's line numbers must be unique across the batch: the first line (in input order) with a number is kept,
 * every later one is set aside. The check is keyed by claim id alone, so its answer never depends on how the
 * batch was regrouped: while the batch's lines are held in memory, the keys are too and a repeat is rejected as
 * it is read; once the batch spills, {@link #defer} moves the keys to bucket files chosen by claim id, each
 * later line's key goes there with its raw text, and {@link #finish} checks the buckets after reading, one per
 * core at a time.
 */
public final class DuplicateLineNumbers implements AutoCloseable {
    static final String FIELD = "line_number";
    /** No raw text: a line held in memory before the spill, or one the filter knows is no repeat. */
    private static final int NO_RAW = -1;
    /** At most 32 MiB of filter, good for about 25 million keys at 1-2% false alarms. */
    private static final long MAX_FILTER_BITS = 1L << 28;
    private static final int FILTER_HASHES = 7;
    /** A key's bits all fall in one block of 512 bits (a cache line): one memory fetch a line, not seven. */
    private static final int BLOCK_WORDS = 8;

    private Set<Key> seen = new HashSet<>();
    private final Map<Integer, String> fileNames = new HashMap<>();
    /** Where the buckets go (encrypted: they hold claim ids and raw text), once {@link #defer} is called. */
    private SpillFolder spillFolder;
    private Path[] bucketFiles;
    private BufferedOutputStream[] buckets;
    private long[] keysSeen;
    /** One record, encoded before it is written in one call (DataOutputStream writes byte by byte). */
    private final RecordBuffer record = new RecordBuffer();

    private record Key(String claimId, int lineNumber) {
    }

    /** The lines set aside after reading and their rejects (in input order), from {@link #finish}. */
    public record Deferred(Set<SourceRef> setAside, List<Reject> rejects) {
        static final Deferred NONE = new Deferred(Set.of(), List.of());
    }

    /** For a reader that checks as it reads and keeps every key in memory. */
    void check(ClaimLine line) throws FieldException {
        if (!seen.add(new Key(line.claimId(), line.lineNumber()))) {
            throw new FieldException(FIELD, reason(line));
        }
    }

    /**
     * Checks a line of the batch in input order.
     *
     * @param raw the line's raw text as the reader gives it, asked for only when needed
     * @return the reject when the line repeats a number its claim already used; null when it is the first, or
     *         when the answer waits for {@link #finish} (after {@link #defer})
     */
    public Reject check(ClaimLine line, Supplier<String> raw) throws IOException {
        if (buckets == null) {
            if (seen.add(new Key(line.claimId(), line.lineNumber()))) {
                return null;
            }
            return new Reject(line.source(), line.claimId(), FIELD, reason(line), raw.get());
        }
        fileNames.putIfAbsent(line.source().fileIndex(), line.source().file());
        boolean mayRepeat = !addToFilter(line.claimId(), line.lineNumber());
        write(bucketFor(line.claimId()), line.source(), line.claimId(), line.lineNumber(),
                mayRepeat ? raw.get() : null);
        return null;
    }

    public boolean deferred() {
        return buckets != null;
    }

    /**
     * From now on the keys go to {@code bucketCount} files in the folder, with those seen so far: for when the
     * batch's lines no longer fit in memory (their keys would not either).
     *
     * @param expectedLines about how many lines the batch holds in all, to size the filter
     */
    public void defer(SpillFolder folder, int bucketCount, long expectedLines) throws IOException {
        spillFolder = folder;
        bucketFiles = new Path[bucketCount];
        buckets = new BufferedOutputStream[bucketCount];
        for (int i = 0; i < bucketCount; i++) {
            bucketFiles[i] = folder.newFile("line-numbers-" + i + "-");
            buckets[i] = new BufferedOutputStream(folder.output(bucketFiles[i]), 1 << 14);
        }
        // ten bits a key keep false alarms near 1%; past the cap they grow, and cost only raw text written
        long bits = Math.min(MAX_FILTER_BITS, Math.max(1 << 16, 10 * Math.max(expectedLines, seen.size())));
        // a power of two of blocks, so that a block is found by a mask
        keysSeen = new long[(int) Long.highestOneBit(bits * 2 - 1) / 64];
        for (Key key : seen) {
            addToFilter(key.claimId(), key.lineNumber());
            // the position is never used: a line kept in memory is never the later one of a pair
            write(bucketFor(key.claimId()), null, key.claimId(), key.lineNumber(), null);
        }
        seen = null;
    }

    /** Adds a key to the Bloom filter; whether it was certainly absent before. */
    private boolean addToFilter(String claimId, int lineNumber) {
        long h1 = claimId.hashCode() * 0x9E3779B97F4A7C15L + lineNumber;
        long h2 = (h1 ^ (h1 >>> 29)) * 0xBF58476D1CE4E5B9L;
        h1 = h1 ^ (h1 >>> 31);
        h2 = h2 ^ (h2 >>> 32);
        int block = (int) (h1 & (keysSeen.length / BLOCK_WORDS - 1)) * BLOCK_WORDS;
        boolean absent = false;
        for (int i = 0; i < FILTER_HASHES; i++) {
            int bit = (int) ((h2 >>> (i * 9)) & 511);
            int word = block + (bit >>> 6);
            long mask = 1L << (bit & 63);
            if ((keysSeen[word] & mask) == 0) {
                absent = true;
                keysSeen[word] |= mask;
            }
        }
        return absent;
    }

    /**
     * After the last line: the deferred lines that repeat a number, checked a bucket at a time on each of
     * {@code threads} threads (a bucket holds whole claims, so buckets are checked apart), with their rejects in
     * input order.
     *
     * @param threads as many as the run's workers (--threads), so a run limited to one core stays on one
     */
    public Deferred finish(int threads) throws IOException {
        if (buckets == null) {
            return Deferred.NONE;
        }
        keysSeen = null;
        for (BufferedOutputStream bucket : buckets) {
            bucket.close();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(buckets.length, threads)),
                DaemonThreads.named("claimscrub-line-numbers"));
        try {
            List<Future<List<Reject>>> checked = new ArrayList<>(buckets.length);
            for (Path bucket : bucketFiles) {
                checked.add(pool.submit(() -> checkBucket(bucket)));
            }
            Set<SourceRef> setAside = new HashSet<>();
            List<Reject> rejects = new ArrayList<>();
            for (Future<List<Reject>> bucket : checked) {
                for (Reject r : TaskFailure.await(bucket, "interrupted while line numbers were checked")) {
                    setAside.add(r.source());
                    rejects.add(r);
                }
            }
            rejects.sort(Comparator.comparing(Reject::source));
            return new Deferred(setAside, rejects);
        } finally {
            pool.shutdownNow();
            // a failed bucket stops the others before the caller deletes the work folder under them
            awaitQuietly(pool);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One bucket's repeats, read whole: a key is decoded for every record, the position and raw text only for
     * a repeat.
     */
    private List<Reject> checkBucket(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(spillFolder.readAll(file));
        Files.delete(file);
        Set<Key> keys = new HashSet<>();
        List<Reject> rejects = new ArrayList<>();
        for (long n = 0; in.hasRemaining(); n++) {
            if ((n & 4095) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("line-number check stopped");
            }
            int fileIndex = in.getInt();
            long physicalLine = in.getLong();
            int positionAt = in.position();
            skipText(in);
            String claimId = readText(in);
            int lineNumber = in.getInt();
            int rawAt = in.position();
            skipText(in);
            if (!keys.add(new Key(claimId, lineNumber))) {
                String raw = readText(in.position(rawAt));
                if (raw == null) {
                    throw new IllegalStateException("a repeated line number came without its raw text");
                }
                String position = readText(in.position(positionAt));
                skipText(in.position(rawAt));
                SourceRef source = new SourceRef(fileIndex, fileNames.get(fileIndex), physicalLine, position);
                rejects.add(new Reject(source, claimId, FIELD, reason(claimId, lineNumber), raw));
            }
        }
        return rejects;
    }

    private BufferedOutputStream bucketFor(String claimId) {
        return buckets[Math.floorMod(claimId.hashCode(), buckets.length)];
    }

    private void write(BufferedOutputStream out, SourceRef source, String claimId, int lineNumber, String raw)
            throws IOException {
        RecordBuffer r = record;
        r.size = 0;
        r.writeInt(source == null ? -1 : source.fileIndex());
        r.writeLong(source == null ? -1 : source.line());
        r.writeText(source == null ? "" : source.position());
        r.writeText(claimId);
        r.writeInt(lineNumber);
        r.writeText(raw);
        out.write(r.bytes, 0, r.size);
    }

    /** A growing byte array in DataInput's layout: big-endian numbers, texts as length and UTF-8 bytes. */
    private static final class RecordBuffer {
        byte[] bytes = new byte[256];
        int size;

        void writeInt(int v) {
            ensure(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        /** Length and UTF-8 bytes, not writeUTF: a cell may be longer than its 64 KB. */
        void writeText(String text) {
            if (text == null) {
                writeInt(NO_RAW);
                return;
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** A text written by {@link RecordBuffer#writeText}, or null for none. */
    private static String readText(ByteBuffer in) {
        int length = in.getInt();
        if (length == NO_RAW) {
            return null;
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static void skipText(ByteBuffer in) {
        int length = in.getInt();
        if (length != NO_RAW) {
            in.position(in.position() + length);
        }
    }

    private static String reason(ClaimLine line) {
        return reason(line.claimId(), line.lineNumber());
    }

    private static String reason(String claimId, int lineNumber) {
        return "line number " + lineNumber + " appears twice in claim " + claimId + "; the later line is set aside";
    }

    /** Deletes any bucket file left (a run that failed before {@link #finish}). */
    @Override
    public void close() throws IOException {
        if (buckets == null) {
            return;
        }
        for (int i = 0; i < buckets.length; i++) {
            buckets[i].close();
            Files.deleteIfExists(bucketFiles[i]);
        }
    }
}
