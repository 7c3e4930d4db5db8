package org.claimscrub.engine;

import org.claimscrub.model.Finding;
import org.claimscrub.spill.RunMerge;
import org.claimscrub.spill.SpillFolder;

import java.io.EOFException;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Findings as report rows in sorted runs, one per partition, written out in report order by a k-way merge.
 * Rows are formatted and encoded where the findings are made (on the worker threads), so the merge only
 * copies bytes.
 * Runs stay in memory, or are spilled to files when the batch itself spilled, so findings never all sit in
 * memory at once.
 *
 * <p>A row is kept as its own head and tail around a middle it shares with every finding of the same edit from
 * the same input file (rule, rule file, source, input file: about half a CSV row), which is kept once: runs
 * take half the heap and half the disk traffic.
 *
 * <p>Determinism: within a run rows follow {@link Scrubber#REPORT_ORDER}; across runs they are merged by input
 * position alone, which is enough because no input line belongs to two partitions.
 */
public final class FindingRuns implements AutoCloseable {
    /** A spilled row: its position (8 bytes), shared middle (4), head length (4) and tail length (4). */
    private static final int HEADER_BYTES = 20;
    private final SpillFolder spillFolder;
    private final RowFormat format;
    private final TreeMap<Integer, Run> runs = new TreeMap<>();
    private final Map<Shared, Integer> sharedIndex = new ConcurrentHashMap<>();
    private final List<byte[]> shared = new CopyOnWriteArrayList<>();

    /**
     * How a finding becomes a report row (UTF-8, line end included): head + shared + tail.
     *
     * @param shared the part that depends on nothing but the finding's edit id and input file
     */
    public record RowFormat(Function<Finding, String> head, Function<Finding, String> shared,
                            Function<Finding, String> tail) {
    }

    /** One finding's report row as UTF-8, with the input position it sorts by. */
    public record Row(long position, byte[] head, int shared, byte[] tail) {
        static final Comparator<Row> BY_POSITION = Comparator.comparingLong(Row::position);
    }

    private record Shared(String editId, int fileIndex) {
    }

    /** @param spillFolder where to spill runs (encrypted), or null to keep them in memory */
    public FindingRuns(SpillFolder spillFolder, RowFormat format) {
        this.spillFolder = spillFolder;
        this.format = format;
    }

    /** Sorts findings (of whole visits) into report order and formats their rows; safe on any thread. */
    public List<Row> rows(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Scrubber.REPORT_ORDER);
        List<Row> rows = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            rows.add(new Row(position(f), bytes(format.head().apply(f)), shared(f), bytes(format.tail().apply(f))));
        }
        return rows;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private int shared(Finding f) {
        Shared key = new Shared(f.edit().editId(), f.line().source().fileIndex());
        Integer index = sharedIndex.get(key);
        return index != null ? index : register(key, f);
    }

    private synchronized int register(Shared key, Finding f) {
        Integer index = sharedIndex.get(key);
        if (index == null) {
            shared.add(bytes(format.shared().apply(f)));
            index = shared.size() - 1;
            sharedIndex.put(key, index);
        }
        return index;
    }

    private static long position(Finding f) {
        return ((long) f.line().source().fileIndex() << 40) | f.line().source().line();
    }

    /**
     * Adds one partition's rows, made by {@link #rows} chunk by chunk. Chunks hold whole visits, so a line's
     * rows are all in one chunk and a stable sort by position puts the partition in report order.
     */
    public void add(int partition, List<List<Row>> chunks) throws IOException {
        List<Row> rows = new ArrayList<>();
        chunks.forEach(rows::addAll);
        rows.sort(Row.BY_POSITION);
        Run run;
        if (spillFolder == null) {
            run = new Run(rows, null, rows.size());
        } else {
            Path file = spillFolder.newFile("findings-" + partition + "-");
            try (OutputStream out = spillFolder.output(file)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                for (Row row : rows) {
                    header.clear();
                    header.putLong(row.position()).putInt(row.shared()).putInt(row.head().length)
                            .putInt(row.tail().length);
                    out.write(header.array());
                    out.write(row.head());
                    out.write(row.tail());
                }
            }
            run = new Run(null, file, rows.size());
        }
        synchronized (runs) {
            if (runs.put(partition, run) != null) {
                throw new IllegalStateException("partition " + partition + " added twice");
            }
        }
    }

    /** Writes every row in report order. */
    public void writeTo(OutputStream out) throws IOException {
        RunMerge.merge(new ArrayList<>(runs.values()), run -> new RunReader(run, spillFolder),
                Comparator.comparingLong(Row::position), row -> {
                    out.write(row.head());
                    out.write(shared.get(row.shared()));
                    out.write(row.tail());
                });
    }

    @Override
    public void close() throws IOException {
        for (Run run : runs.values()) {
            if (run.file != null) {
                Files.deleteIfExists(run.file);
            }
        }
    }

    private record Run(List<Row> rows, Path file, int size) {
    }

    private static final class RunReader implements RunMerge.Cursor<Row> {
        private final Run run;
        private final InputStream in;
        private final byte[] header = new byte[HEADER_BYTES];
        private int read;

        RunReader(Run run, SpillFolder folder) throws IOException {
            this.run = run;
            this.in = run.file == null ? null : folder.input(run.file);
        }

        @Override
        public Row next() throws IOException {
            if (read >= run.size) {
                return null;
            }
            if (in == null) {
                return run.rows.get(read++);
            }
            readFully(header);
            ByteBuffer fields = ByteBuffer.wrap(header);
            long position = fields.getLong();
            int sharedPart = fields.getInt();
            byte[] rowHead = new byte[fields.getInt()];
            byte[] rowTail = new byte[fields.getInt()];
            readFully(rowHead);
            readFully(rowTail);
            read++;
            return new Row(position, rowHead, sharedPart, rowTail);
        }

        private void readFully(byte[] into) throws IOException {
            if (in.readNBytes(into, 0, into.length) != into.length) {
                throw new EOFException("findings run " + run.file + " is truncated");
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
