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

/**
 * The claims of a batch as sorted runs of {@link ClaimPart}s, one run per partition, kept in memory or spilled
 * to a file when the batch spilled; {@link #merge} streams whole claims in claim id order by a k-way merge,
 * joining the parts of a claim wherever they came from. Memory: one part per run at a time, so the worklist and
 * the per-claim notices of a 10-million-line batch never sit in memory together.
 */
public final class ClaimRuns implements AutoCloseable {
    private final SpillFolder spillFolder;
    private final TreeMap<Integer, Run> runs = new TreeMap<>();

    /** Receives each whole claim, in claim id order. */
    public interface Sink {
        void claim(ClaimPart claim) throws IOException;
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

    /** @param spillFolder where to spill runs, or null to keep them in memory */
    public ClaimRuns(SpillFolder spillFolder) {
        this.spillFolder = spillFolder;
    }

    /**
     * One chunk's parts (by claim id, as {@link ClaimPart#of} makes them), with their spill records when the
     * runs spill: {@link #chunk} encodes them on the thread that made them (a worker), so that filing the
     * partition on the main thread only sorts and copies bytes.
     */
    public record Chunk(List<ClaimPart> parts, List<byte[]> records) {
    }

    /** Readies one chunk's parts for {@link #add}; safe on any thread. */
    public Chunk chunk(List<ClaimPart> parts) {
        if (spillFolder == null) {
            return new Chunk(parts, null);
        }
        Codec codec = new Codec();
        List<byte[]> records = new ArrayList<>(parts.size());
        for (ClaimPart part : parts) {
            records.add(codec.encode(part));
        }
        return new Chunk(parts, records);
    }

    /** Adds one partition's chunks, made by {@link #chunk}. */
    public void add(int partition, List<Chunk> chunks) throws IOException {
        record Entry(ClaimPart part, byte[] record) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (int i = 0; i < chunk.parts().size(); i++) {
                entries.add(new Entry(chunk.parts().get(i), chunk.records() == null ? null : chunk.records().get(i)));
            }
        }
        entries.sort(Comparator.comparing(e -> e.part().claimId()));
        Run run;
        if (spillFolder == null) {
            run = new Run(entries.stream().map(Entry::part).toList(), null, entries.size());
        } else {
            Path file = spillFolder.newFile("claims-" + partition + "-");
            try (OutputStream out = spillFolder.output(file)) {
                byte[] length = new byte[4];
                for (Entry e : entries) {
                    ByteBuffer.wrap(length).putInt(e.record().length);
                    out.write(length);
                    out.write(e.record());
                }
            }
            run = new Run(null, file, entries.size());
        }
        synchronized (runs) {
            if (runs.put(partition, run) != null) {
                throw new IllegalStateException("partition " + partition + " added twice");
            }
        }
    }

    /**
     * Streams every claim, whole, in claim id order; the parts of claims with rejected lines join in here, so
     * that a claim whose every line was rejected still has its row.
     *
     * @param rejected rejected lines per claim id
     */
    public void merge(Map<String, Rejected> rejected, Sink sink) throws IOException {
        List<ClaimPart> rejectedParts = new ArrayList<>(rejected.size());
        rejected.forEach((id, r) -> rejectedParts.add(ClaimPart.rejected(id, r.lines(), r.describe())));
        rejectedParts.sort(Comparator.comparing(ClaimPart::claimId));
        List<Run> all = new ArrayList<>(runs.values());
        all.add(new Run(rejectedParts, null, rejectedParts.size()));
        // the parts of one claim come out side by side (runs sort by claim id); each claim goes out whole
        List<ClaimPart> same = new ArrayList<>();
        RunMerge.merge(all, RunReader::new, Comparator.comparing(ClaimPart::claimId), part -> {
            if (!same.isEmpty() && !same.get(0).claimId().equals(part.claimId())) {
                sink.claim(ClaimPart.merge(same));
                same.clear();
            }
            same.add(part);
        });
        if (!same.isEmpty()) {
            sink.claim(ClaimPart.merge(same));
        }
    }

    /** Claims per hand-off to the notices thread of {@link #write}. */
    public static final int NOTICE_BATCH = 512;

    /**
     * {@link #merge}s every claim to {@code claimRows} (claims.csv) on this thread and to {@code noticeRows}
     * (notices.csv; null when there is none) on a thread of its own, so that the merge and the two files' rows
     * share the cores; counts the claims. At most six hand-offs of {@code noticeBatch} claims wait for the
     * notices thread at a time. A failure on either thread stops both and is thrown here.
     */
    public ClaimTotals write(Map<String, Rejected> rejected, Sink claimRows, Sink noticeRows, int noticeBatch)
            throws IOException {
        ClaimTotals totals = new ClaimTotals();
        try (Handoff<List<ClaimPart>> notices = noticeRows == null ? null
                : new Handoff<>("claimscrub-notices", batch -> {
                    for (ClaimPart claim : batch) {
                        noticeRows.claim(claim);
                    }
                })) {
            class Pending {
                List<ClaimPart> claims = new ArrayList<>(noticeBatch);
            }
            Pending pending = new Pending();
            merge(rejected, claim -> {
                totals.add(claim);
                claimRows.claim(claim);
                if (notices != null && !claim.noticeGroups().isEmpty()) {
                    pending.claims.add(claim);
                    if (pending.claims.size() == noticeBatch) {
                        notices.submit(pending.claims);
                        pending.claims = new ArrayList<>(noticeBatch);
                    }
                }
            });
            if (notices != null) {
                notices.submit(pending.claims);
                notices.finish();
            }
        }
        return totals;
    }

    @Override
    public void close() throws IOException {
        for (Run run : runs.values()) {
            if (run.file != null) {
                Files.deleteIfExists(run.file);
            }
        }
    }

    private record Run(List<ClaimPart> parts, Path file, int size) {
    }

    private final class RunReader implements RunMerge.Cursor<ClaimPart> {
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
        public ClaimPart next() throws IOException {
            if (read >= run.size) {
                return null;
            }
            ClaimPart part = in == null ? run.parts.get(read) : codec.read(in);
            read++;
            return part;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /**
     * Spill encoding of a part, one length-prefixed record per part, written and read in one call each. Strings
     * that repeat across claims (edit cells, file names, payers, notice messages: one per code, mostly) are
     * written once in {@link #shared} and then by index, up to {@link #SHARED_MAX} of them; others inline.
     */
    private static final int SHARED_MAX = 100_000;
    /** Written by the workers as they encode, read by the merge after every partition is filed. */
    private final Map<String, Integer> sharedIndex = new ConcurrentHashMap<>();
    private final List<String> shared = new ArrayList<>();
    /** Set once the table is full: from then on a string not in it is written inline without taking the lock. */
    private volatile boolean sharedFull;

    private final class Codec {
        private byte[] buf = new byte[4096];
        private int len;

        byte[] encode(ClaimPart p) {
            len = 0;
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

        ClaimPart read(DataInputStream stream) throws IOException {
            byte[] record = new byte[stream.readInt()];
            stream.readFully(record);
            in = ByteBuffer.wrap(record);
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
            return new ClaimPart(claimId, firstPosition, npi, payer, firstDate, lastDate, lines, billed, atRisk,
                    withErrors, errors, warnings, notices, bypassed, rejected, firstReject, List.copyOf(issues),
                    List.copyOf(groups));
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
            Integer index = sharedIndex.get(s);
            if (index == null && !sharedFull) {
                index = register(s);
            }
            if (index != null) {
                putInt(index);
                return;
            }
            inline(s);
        }

        /** The string's index, made now unless the table is full (then null). */
        private Integer register(String s) {
            synchronized (shared) {
                Integer index = sharedIndex.get(s);
                if (index == null && shared.size() < SHARED_MAX) {
                    index = shared.size();
                    shared.add(s);
                    sharedIndex.put(s, index);
                }
                sharedFull = shared.size() == SHARED_MAX;
                return index;
            }
        }

        /** A string that seldom repeats (a claim id), never looked up in the shared strings. */
        private void inline(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            putInt(-1);
            putInt(bytes.length);
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        private String text() {
            int index = in.getInt();
            if (index >= 0) {
                return shared.get(index);
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
