package org.claimscrub.report;

import org.claimscrub.concurrent.Handoff;
import org.claimscrub.model.Category;
import org.claimscrub.model.FindingStatus;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;
import org.claimscrub.model.SourceRef;
import org.claimscrub.spill.RunMerge;
import org.claimscrub.spill.SpillFolder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The claims of a batch as sorted runs, one run per partition, kept in memory or spilled to a file when the batch
 * spilled; {@link #write} streams whole claims in claim id order by a k-way merge to claims.csv and notices.csv.
 * A claim that a chunk holds whole (the usual case) has its rows made right there, on the worker that scrubbed it
 * ({@link #chunk}), and the merge only copies them; the parts of a claim spread over chunks or partitions, or with
 * rejected lines, are joined in the merge and their rows made there, so the bytes are the same either way.
 * Memory: one record per run at a time, so the worklist and the per-claim notices of a 10-million-line batch never
 * sit in memory together.
 */
public final class ClaimRuns implements AutoCloseable {
    private final SpillFolder spillFolder;
    private final RowFormat format;
    private final TreeMap<Integer, Run> runs = new TreeMap<>();
    /**
     * Every claim, counted: the whole ones by the chunks that made their rows (a chunk at a time, under this
     * lock), the others as the merge joins them. One worklist for all, so a claim is copied into it only while it
     * is among the worst so far.
     */
    private final ClaimTotals totals = new ClaimTotals();

    /**
     * How a notice group becomes its notices-file row, in three parts: {@code shared} depends only on the edit and
     * the message (most notices of an edit say the same), so a claim's record holds it by index, once for them all.
     */
    public record NoticeRow(Head head, Function<ClaimPart.NoticeGroup, String> shared,
                            BiConsumer<StringBuilder, ClaimPart.NoticeGroup> tail) {
        /** Appends the cells before the shared part: what is particular to the claim's lines. */
        public interface Head {
            void append(StringBuilder row, String claimId, ClaimPart.NoticeGroup group);
        }
    }

    /** How a whole claim becomes its claims-file row and its notices-file rows (one per notice group). */
    public record RowFormat(BiConsumer<StringBuilder, ClaimPart> claim, NoticeRow notice) {
        public static RowFormat csv(ClaimsCsvWriter claims, FindingsCsvWriter notices) {
            return new RowFormat(claims::row, notices.noticeRow());
        }

        public static RowFormat jsonl(ClaimsJsonlWriter claims, FindingsJsonlWriter notices) {
            return new RowFormat(claims::row, notices.noticeRow());
        }
    }

    /** An edit's notice message: the key of a shared notice part. */
    private record NoticeKey(String editId, String message) {
    }

    /** The rejected lines of one claim: how many, and where the first (in input order) was. */
    public record Rejected(long lines, SourceRef first, String field) {
        public Rejected plus(Rejected o) {
            boolean mine = first.compareTo(o.first) <= 0;
            return new Rejected(lines + o.lines, mine ? first : o.first, mine ? field : o.field);
        }

        String describe() {
            return first.file() + " line " + first.line() + (field.isEmpty() ? "" : ", field " + field);
        }
    }

    /** Counts a rejected line to its claim; one without a readable claim id counts in the lines, not the claims. */
    public static void countRejected(Map<String, Rejected> byClaim, Reject reject) {
        if (!reject.claimId().isEmpty()) {
            byClaim.merge(reject.claimId(), new Rejected(1, reject.source(), reject.field()), Rejected::plus);
        }
    }

    /**
     * Which claims a chunk holds whole: those with no rejected line and none of whose lines may be elsewhere.
     *
     * @param elsewhere whether some of a claim's lines may be in another chunk or partition (true when unsure)
     */
    public static Predicate<String> whole(Map<String, Rejected> rejected, Predicate<String> elsewhere) {
        return claimId -> !rejected.containsKey(claimId) && !elsewhere.test(claimId);
    }

    /**
     * @param spillFolder where to spill runs, or null to keep them in memory
     * @param format      how claims become rows, wherever they are made
     */
    public ClaimRuns(SpillFolder spillFolder, RowFormat format) {
        this.spillFolder = spillFolder;
        this.format = format;
    }

    /** One chunk's claims as records ready to file. */
    public static final class Chunk {
        private final List<String> claimIds;
        private final List<byte[]> records;

        private Chunk(List<String> claimIds, List<byte[]> records) {
            this.claimIds = claimIds;
            this.records = records;
        }
    }

    /**
     * Readies one chunk's parts (by claim id, as {@link ClaimPart#of} makes them) for {@link #add}, on the thread
     * that made them (a worker), so that filing the partition on the main thread only sorts and copies bytes: a
     * claim the chunk holds whole becomes its rows now and is counted; any other stays a part to join later.
     *
     * @param whole which claims the chunk holds whole (see {@link #whole})
     */
    public Chunk chunk(List<ClaimPart> parts, Predicate<String> whole) {
        Codec codec = new Codec();
        StringBuilder scratch = new StringBuilder(4096);
        List<String> ids = new ArrayList<>(parts.size());
        List<byte[]> records = new ArrayList<>(parts.size());
        List<ClaimPart> counted = new ArrayList<>(parts.size());
        for (ClaimPart part : parts) {
            ids.add(part.claimId());
            if (whole.test(part.claimId())) {
                counted.add(part);
                records.add(codec.encodeRows(part, scratch));
            } else {
                records.add(codec.encodePart(part));
            }
        }
        synchronized (totals) {
            counted.forEach(totals::add);
        }
        return new Chunk(ids, records);
    }

    /** Adds one partition's chunks, made by {@link #chunk}. */
    public void add(int partition, List<Chunk> chunks) throws IOException {
        record Entry(String claimId, byte[] record) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (int i = 0; i < chunk.claimIds.size(); i++) {
                entries.add(new Entry(chunk.claimIds.get(i), chunk.records.get(i)));
            }
        }
        entries.sort(Comparator.comparing(Entry::claimId));
        List<byte[]> records = new ArrayList<>(entries.size());
        entries.forEach(e -> records.add(e.record()));
        Run run;
        if (spillFolder == null) {
            run = new Run(records, null, records.size());
        } else {
            Path file = spillFolder.newFile("claims-" + partition + "-");
            try (OutputStream out = spillFolder.output(file)) {
                byte[] length = new byte[4];
                for (byte[] record : records) {
                    ByteBuffer.wrap(length).putInt(record.length);
                    out.write(length);
                    out.write(record);
                }
            }
            run = new Run(null, file, records.size());
        }
        synchronized (runs) {
            if (runs.put(partition, run) != null) {
                throw new IllegalStateException("partition " + partition + " added twice");
            }
        }
    }

    /** Claims per hand-off to the notices thread of {@link #write}. */
    private static final int NOTICE_BATCH = 512;

    /**
     * Writes every claim, whole, in claim id order: its claims row to {@code claims} on this thread and its notices
     * rows to {@code notices} (null when there is no notices file) on a thread of its own, as each file takes about
     * as long to write; the parts of claims with rejected lines join in here, so that a claim whose every line was
     * rejected still has its row. A failure on either thread stops both and is thrown here. Called once: returns
     * the counts of every claim.
     *
     * @param rejected rejected lines per claim id
     */
    public ClaimTotals write(Map<String, Rejected> rejected, OutputStream claims, OutputStream notices)
            throws IOException {
        Codec codec = new Codec();
        StringBuilder scratch = new StringBuilder(4096);
        List<byte[]> rejectedParts = new ArrayList<>(rejected.size());
        rejected.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rejectedParts.add(
                codec.encodePart(ClaimPart.rejected(e.getKey(), e.getValue().lines(), e.getValue().describe()))));
        List<Run> all = new ArrayList<>(runs.values());
        all.add(new Run(rejectedParts, null, rejectedParts.size()));
        try (Handoff<List<Item>> noticeWriter = notices == null ? null
                : new Handoff<>("claimscrub-notices", batch -> {
                    for (Item item : batch) {
                        writeNotices(item, notices);
                    }
                })) {
            class Pending {
                List<Item> items = new ArrayList<>(NOTICE_BATCH);
            }
            Pending pending = new Pending();
            // the records of one claim come out side by side (runs sort by claim id); each claim goes out whole
            List<Item> same = new ArrayList<>();
            IoConsumer<List<Item>> claim = items -> {
                Item whole = items.size() == 1 && items.get(0).part() == null ? items.get(0)
                        : joined(items, codec, scratch);
                ByteBuffer rows = whole.rows();
                piece(rows, claims);
                if (noticeWriter != null && rows.getInt() > 0) {
                    pending.items.add(whole);
                    if (pending.items.size() == NOTICE_BATCH) {
                        noticeWriter.submit(pending.items);
                        pending.items = new ArrayList<>(NOTICE_BATCH);
                    }
                }
            };
            RunMerge.merge(all, RunReader::new, Comparator.comparing(Item::claimId), item -> {
                if (!same.isEmpty() && !same.get(0).claimId().equals(item.claimId())) {
                    claim.accept(same);
                    same.clear();
                }
                same.add(item);
            });
            if (!same.isEmpty()) {
                claim.accept(same);
            }
            if (noticeWriter != null) {
                noticeWriter.submit(pending.items);
                noticeWriter.finish();
            }
        }
        return totals;
    }

    /** The whole claim from its parts, counted, as the record of its rows. */
    private Item joined(List<Item> items, Codec codec, StringBuilder scratch) {
        List<ClaimPart> parts = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.part() == null) {
                throw new IllegalStateException("claim " + item.claimId() + " was taken for whole in a chunk"
                        + " but has " + items.size() + " parts");
            }
            parts.add(item.part());
        }
        ClaimPart whole = ClaimPart.merge(parts);
        synchronized (totals) {
            totals.add(whole);
        }
        return codec.read(codec.encodeRows(whole, scratch));
    }

    private interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    @Override
    public void close() throws IOException {
        for (Run run : runs.values()) {
            if (run.file != null) {
                Files.deleteIfExists(run.file);
            }
        }
    }

    /** A run's records, in memory or in a file. */
    private record Run(List<byte[]> records, Path file, int size) {
    }

    private static byte[] utf8(StringBuilder text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A claim as a run holds it: a part, or (part null) the whole claim's rows, in its record from {@code rowsAt}
     * on: the claims row (length, bytes), the number of notice rows and each one's head (length, bytes), shared
     * part (index in {@link #noticeParts}, or -1, length and bytes) and tail (length, bytes).
     */
    private record Item(String claimId, ClaimPart part, byte[] record, int rowsAt) {
        /** The record, at its claims row. */
        ByteBuffer rows() {
            return ByteBuffer.wrap(record).position(rowsAt);
        }
    }

    /** Writes a whole claim's notice rows from its record. */
    private void writeNotices(Item item, OutputStream notices) throws IOException {
        ByteBuffer rows = item.rows();
        int claimRow = rows.getInt();
        rows.position(rows.position() + claimRow);
        int noticeRows = rows.getInt();
        for (int n = 0; n < noticeRows; n++) {
            piece(rows, notices);
            int shared = rows.getInt();
            if (shared >= 0) {
                notices.write(noticeParts.get(shared));
            } else {
                piece(rows, notices);
            }
            piece(rows, notices);
        }
    }

    /** Writes the next length-prefixed piece of a record. */
    private static void piece(ByteBuffer record, OutputStream out) throws IOException {
        int length = record.getInt();
        out.write(record.array(), record.position(), length);
        record.position(record.position() + length);
    }

    private final class RunReader implements RunMerge.Cursor<Item> {
        private final Run run;
        private final DataInputStream in;
        private final Codec codec = new Codec();
        private int read;

        RunReader(Run run) throws IOException {
            this.run = run;
            this.in = run.file == null ? null
                    : new DataInputStream(spillFolder.input(run.file));
        }

        @Override
        public Item next() throws IOException {
            if (read >= run.size) {
                return null;
            }
            byte[] record;
            if (in == null) {
                record = run.records.get(read);
            } else {
                record = new byte[in.readInt()];
                in.readFully(record);
            }
            read++;
            return codec.read(record);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** Values that many records repeat, held once and written by index, up to a number of them. */
    private static final class SharedTable<K, V> {
        private final int max;
        /** Written as records are encoded (by the workers, then by the merge for the claims it joins). */
        private final Map<K, Integer> index = new ConcurrentHashMap<>();
        private final List<V> values = new ArrayList<>();
        /** Set once the table is full: from then on a key not in it is answered -1 without taking the lock. */
        private volatile boolean full;

        SharedTable(int max) {
            this.max = max;
        }

        /** The key's index, its value made and kept now if it is new; -1 once the table is full without it. */
        int indexOf(K key, Function<K, V> value) {
            Integer at = index.get(key);
            if (at != null) {
                return at;
            }
            if (full) {
                return -1;
            }
            synchronized (values) {
                at = index.get(key);
                if (at == null && values.size() < max) {
                    at = values.size();
                    values.add(value.apply(key));
                    index.put(key, at);
                }
                full = values.size() == max;
                return at == null ? -1 : at;
            }
        }

        /** Safe while another thread adds: the merge joins claims as the notices thread writes. */
        V get(int at) {
            synchronized (values) {
                return values.get(at);
            }
        }
    }

    /** Strings that repeat across claim parts (edit cells, file names, payers, notice messages). */
    private final SharedTable<String, String> strings = new SharedTable<>(100_000);
    /**
     * The shared parts of notice rows ({@link NoticeRow#shared}), as UTF-8: a few hundred bytes each, so fewer of
     * them (a message that differs from claim to claim fills the table, then goes inline, within 10 MB).
     */
    private final SharedTable<NoticeKey, byte[]> noticeParts = new SharedTable<>(20_000);

    private static final byte PART = 0;
    private static final byte ROWS = 1;

    /**
     * Record encoding of a claim: a kind byte, then the whole claim's rows (see {@link Item}), or a part field by
     * field (spilled with a length prefix, written and read in one call each). In a part, strings that repeat
     * across claims are written once in {@link #strings} and then by index; others inline.
     */
    private final class Codec {
        private byte[] buf = new byte[4096];
        private int len;

        /** A whole claim's record: its kind, id (inline) and rows, made in {@code scratch}. */
        byte[] encodeRows(ClaimPart part, StringBuilder scratch) {
            len = 0;
            putByte(ROWS);
            inline(part.claimId());
            scratch.setLength(0);
            format.claim().accept(scratch, part);
            piece(scratch);
            putInt(part.noticeGroups().size());
            NoticeRow notice = format.notice();
            for (ClaimPart.NoticeGroup g : part.noticeGroups()) {
                scratch.setLength(0);
                notice.head().append(scratch, part.claimId(), g);
                piece(scratch);
                int shared = noticeParts.indexOf(new NoticeKey(g.editId(), g.message()),
                        k -> notice.shared().apply(g).getBytes(StandardCharsets.UTF_8));
                putInt(shared);
                if (shared < 0) {
                    scratch.setLength(0);
                    piece(scratch.append(notice.shared().apply(g)));
                }
                scratch.setLength(0);
                notice.tail().accept(scratch, g);
                piece(scratch);
            }
            return java.util.Arrays.copyOf(buf, len);
        }

        /**
         * Length and UTF-8 bytes. A row is ASCII but for the odd name or message, so its chars are copied as bytes
         * straight into the record, and only a row that is not goes through a String.
         */
        private void piece(StringBuilder text) {
            int n = text.length();
            room(4 + n);
            int at = len + 4;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    bytes(utf8(text));
                    return;
                }
                buf[at + i] = (byte) c;
            }
            putInt(n);
            len += n;
        }

        private void bytes(byte[] bytes) {
            putInt(bytes.length);
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        byte[] encodePart(ClaimPart p) {
            len = 0;
            putByte(PART);
            inline(p.claimId());
            putLong(p.firstPosition());
            text(p.billingNpi());
            text(p.payerId());
            date(p.firstDate());
            date(p.lastDate());
            putLong(p.lines());
            money(p.billed());
            money(p.atRisk());
            putLong(p.linesWithErrors());
            putLong(p.errors());
            putLong(p.warnings());
            putLong(p.notices());
            putLong(p.bypassed());
            putLong(p.rejectedLines());
            inline(p.firstReject());
            putInt(p.issues().size());
            for (ClaimPart.Issue i : p.issues()) {
                putLong(i.position());
                putInt(i.lineNumber());
                text(i.code());
                putInt(i.severity().ordinal());
                text(i.editId());
                text(i.message());
                money(i.charge());
            }
            putInt(p.noticeGroups().size());
            for (ClaimPart.NoticeGroup g : p.noticeGroups()) {
                text(g.editId());
                putInt(g.category().ordinal());
                putInt(g.severity().ordinal());
                text(g.rule());
                text(g.ruleFile());
                text(g.source());
                putInt(g.status().ordinal());
                text(g.overrideReason());
                text(g.billingNpi());
                text(g.payerId());
                putInt(g.lines().size());
                for (ClaimPart.NoticeLine l : g.lines()) {
                    putLong(l.position());
                    putInt(l.lineNumber());
                    text(l.code());
                    text(l.modifiers());
                    date(l.dateOfService());
                    text(l.inputFile());
                    putLong(l.inputLine());
                    money(l.charge());
                    text(l.message());
                }
            }
            return java.util.Arrays.copyOf(buf, len);
        }

        private ByteBuffer in;

        Item read(byte[] record) {
            in = ByteBuffer.wrap(record);
            if (in.get() == ROWS) {
                String claimId = text();
                return new Item(claimId, null, record, in.position());
            }
            String claimId = text();
            long firstPosition = in.getLong();
            String npi = text();
            String payer = text();
            LocalDate firstDate = date();
            LocalDate lastDate = date();
            long lines = in.getLong();
            BigDecimal billed = money();
            BigDecimal atRisk = money();
            long withErrors = in.getLong();
            long errors = in.getLong();
            long warnings = in.getLong();
            long notices = in.getLong();
            long bypassed = in.getLong();
            long rejected = in.getLong();
            String firstReject = text();
            int issueCount = in.getInt();
            List<ClaimPart.Issue> issues = new ArrayList<>(issueCount);
            for (int n = 0; n < issueCount; n++) {
                issues.add(new ClaimPart.Issue(in.getLong(), in.getInt(), text(), Severity.values()[in.getInt()],
                        text(), text(), money()));
            }
            int groupCount = in.getInt();
            List<ClaimPart.NoticeGroup> groups = new ArrayList<>(groupCount);
            for (int n = 0; n < groupCount; n++) {
                String editId = text();
                Category category = Category.values()[in.getInt()];
                Severity severity = Severity.values()[in.getInt()];
                String rule = text();
                String ruleFile = text();
                String source = text();
                FindingStatus status = FindingStatus.values()[in.getInt()];
                String reason = text();
                String groupNpi = text();
                String groupPayer = text();
                int lineCount = in.getInt();
                List<ClaimPart.NoticeLine> noticeLines = new ArrayList<>(lineCount);
                for (int l = 0; l < lineCount; l++) {
                    noticeLines.add(new ClaimPart.NoticeLine(in.getLong(), in.getInt(), text(), text(), date(),
                            text(), in.getLong(), money(), text()));
                }
                groups.add(new ClaimPart.NoticeGroup(editId, category, severity, rule, ruleFile, source,
                        status, reason, groupNpi, groupPayer, List.copyOf(noticeLines)));
            }
            return new Item(claimId, new ClaimPart(claimId, firstPosition, npi, payer, firstDate, lastDate, lines,
                    billed, atRisk, withErrors, errors, warnings, notices, bypassed, rejected, firstReject,
                    List.copyOf(issues), List.copyOf(groups)), null, 0);
        }

        private void putByte(byte b) {
            room(1);
            buf[len++] = b;
        }

        private void room(int bytes) {
            if (len + bytes > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes));
            }
        }

        private void putInt(int v) {
            room(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        private void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }

        /** A shared string as its index (0 and up), or -1 and its UTF-8 bytes. */
        private void text(String s) {
            int index = strings.indexOf(s, Function.identity());
            if (index >= 0) {
                putInt(index);
                return;
            }
            inline(s);
        }

        /** A string that seldom repeats (a claim id), never looked up in the shared strings. */
        private void inline(String s) {
            putInt(-1);
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        private String text() {
            int index = in.getInt();
            if (index >= 0) {
                return strings.get(index);
            }
            byte[] bytes = new byte[in.getInt()];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private void date(LocalDate d) {
            putLong(d == null ? Long.MIN_VALUE : d.toEpochDay());
        }

        private LocalDate date() {
            long day = in.getLong();
            return day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day);
        }

        /** Unscaled value and scale; MIN_VALUE scale for none. */
        private void money(BigDecimal m) {
            BigInteger unscaled = m == null ? null : m.unscaledValue();
            if (unscaled == null || unscaled.bitLength() > 62) {
                text(m == null ? "" : m.toPlainString());
            } else {
                putInt(-2);
                putLong(unscaled.longValue());
                putInt(m.scale());
            }
        }

        private BigDecimal money() {
            int mark = in.getInt();
            if (mark == -2) {
                long unscaled = in.getLong();
                return BigDecimal.valueOf(unscaled, in.getInt());
            }
            in.position(in.position() - 4);
            String m = text();
            return m.isEmpty() ? null : new BigDecimal(m);
        }
    }
}
