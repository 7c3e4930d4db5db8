package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.FindingStatus;
import org.claimscrub.model.Severity;
import org.claimscrub.model.SourceRef;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The claims of a batch as sorted runs of {@link ClaimPart}s, one run per partition, kept in memory or spilled
 * to a file when the batch spilled; {@link #merge} streams whole claims in claim id order by a k-way merge,
 * joining the parts of a claim wherever they came from. Memory: one part per run at a time, so the worklist and
 * the per-claim notices of a 10-million-line batch never sit in memory together.
 */
public final class ClaimRuns implements AutoCloseable {
    private final Path spillFolder;
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

    /** @param spillFolder where to spill runs, or null to keep them in memory */
    public ClaimRuns(Path spillFolder) {
        this.spillFolder = spillFolder;
    }

    /** Adds one partition's parts, made chunk by chunk by {@link ClaimPart#of}. */
    public void add(int partition, List<List<ClaimPart>> chunks) throws IOException {
        List<ClaimPart> parts = new ArrayList<>();
        chunks.forEach(parts::addAll);
        parts.sort(Comparator.comparing(ClaimPart::claimId));
        Run run;
        if (spillFolder == null) {
            run = new Run(parts, null, parts.size());
        } else {
            Files.createDirectories(spillFolder);
            Path file = Files.createTempFile(spillFolder, "claims-" + partition + "-", ".bin");
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                for (ClaimPart part : parts) {
                    Codec.write(out, part);
                }
            }
            run = new Run(null, file, parts.size());
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
        List<RunReader> readers = new ArrayList<>();
        try {
            PriorityQueue<RunReader> heads = new PriorityQueue<>((a, b) -> {
                int c = a.current.claimId().compareTo(b.current.claimId());
                return c != 0 ? c : Integer.compare(a.index, b.index);
            });
            List<Run> all = new ArrayList<>(runs.values());
            all.add(new Run(rejectedParts, null, rejectedParts.size()));
            for (Run run : all) {
                RunReader reader = new RunReader(run, readers.size());
                readers.add(reader);
                if (reader.advance()) {
                    heads.add(reader);
                }
            }
            List<ClaimPart> same = new ArrayList<>();
            while (!heads.isEmpty()) {
                String claimId = heads.peek().current.claimId();
                same.clear();
                while (!heads.isEmpty() && heads.peek().current.claimId().equals(claimId)) {
                    RunReader next = heads.poll();
                    same.add(next.current);
                    if (next.advance()) {
                        heads.add(next);
                    }
                }
                sink.claim(ClaimPart.merge(same));
            }
        } finally {
            for (RunReader reader : readers) {
                reader.close();
            }
        }
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

    private static final class RunReader implements AutoCloseable {
        private final Run run;
        private final int index;
        private final DataInputStream in;
        private int read;
        private ClaimPart current;

        RunReader(Run run, int index) throws IOException {
            this.run = run;
            this.index = index;
            this.in = run.file == null ? null
                    : new DataInputStream(new BufferedInputStream(Files.newInputStream(run.file), 1 << 16));
        }

        boolean advance() throws IOException {
            if (read >= run.size) {
                current = null;
                return false;
            }
            current = in == null ? run.parts.get(read) : Codec.read(in);
            read++;
            return true;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** Spill encoding of a part; strings as length and UTF-8 bytes, so no cell is too long (writeUTF's 64 KB). */
    static final class Codec {
        private Codec() {
        }

        static void write(DataOutputStream out, ClaimPart p) throws IOException {
            text(out, p.claimId());
            out.writeLong(p.firstPosition());
            text(out, p.billingNpi());
            text(out, p.payerId());
            date(out, p.firstDate());
            date(out, p.lastDate());
            out.writeLong(p.lines());
            money(out, p.billed());
            money(out, p.atRisk());
            out.writeLong(p.linesWithErrors());
            out.writeLong(p.errors());
            out.writeLong(p.warnings());
            out.writeLong(p.notices());
            out.writeLong(p.bypassed());
            out.writeLong(p.rejectedLines());
            text(out, p.firstReject());
            out.writeInt(p.issues().size());
            for (ClaimPart.Issue i : p.issues()) {
                out.writeLong(i.position());
                out.writeInt(i.lineNumber());
                text(out, i.code());
                out.writeByte(i.severity().ordinal());
                text(out, i.editId());
                text(out, i.message());
                money(out, i.charge());
            }
            out.writeInt(p.noticeGroups().size());
            for (ClaimPart.NoticeGroup g : p.noticeGroups()) {
                text(out, g.editId());
                out.writeByte(g.category().ordinal());
                out.writeByte(g.severity().ordinal());
                text(out, g.rule());
                text(out, g.ruleFile());
                text(out, g.source());
                out.writeByte(g.status().ordinal());
                text(out, g.overrideReason());
                text(out, g.billingNpi());
                text(out, g.payerId());
                out.writeInt(g.lines().size());
                for (ClaimPart.NoticeLine l : g.lines()) {
                    out.writeLong(l.position());
                    out.writeInt(l.lineNumber());
                    text(out, l.code());
                    text(out, l.modifiers());
                    date(out, l.dateOfService());
                    text(out, l.inputFile());
                    out.writeLong(l.inputLine());
                    money(out, l.charge());
                    text(out, l.message());
                }
            }
        }

        static ClaimPart read(DataInputStream in) throws IOException {
            String claimId = text(in);
            long firstPosition = in.readLong();
            String npi = text(in);
            String payer = text(in);
            LocalDate firstDate = date(in);
            LocalDate lastDate = date(in);
            long lines = in.readLong();
            BigDecimal billed = money(in);
            BigDecimal atRisk = money(in);
            long withErrors = in.readLong();
            long errors = in.readLong();
            long warnings = in.readLong();
            long notices = in.readLong();
            long bypassed = in.readLong();
            long rejected = in.readLong();
            String firstReject = text(in);
            int issueCount = in.readInt();
            List<ClaimPart.Issue> issues = new ArrayList<>(issueCount);
            for (int n = 0; n < issueCount; n++) {
                issues.add(new ClaimPart.Issue(in.readLong(), in.readInt(), text(in),
                        Severity.values()[in.readByte()], text(in), text(in), money(in)));
            }
            int groupCount = in.readInt();
            List<ClaimPart.NoticeGroup> groups = new ArrayList<>(groupCount);
            for (int n = 0; n < groupCount; n++) {
                String editId = text(in);
                Category category = Category.values()[in.readByte()];
                Severity severity = Severity.values()[in.readByte()];
                String rule = text(in);
                String ruleFile = text(in);
                String source = text(in);
                FindingStatus status = FindingStatus.values()[in.readByte()];
                String reason = text(in);
                String groupNpi = text(in);
                String groupPayer = text(in);
                int lineCount = in.readInt();
                List<ClaimPart.NoticeLine> noticeLines = new ArrayList<>(lineCount);
                for (int l = 0; l < lineCount; l++) {
                    noticeLines.add(new ClaimPart.NoticeLine(in.readLong(), in.readInt(), text(in), text(in),
                            date(in), text(in), in.readLong(), money(in), text(in)));
                }
                groups.add(new ClaimPart.NoticeGroup(editId, category, severity, rule, ruleFile, source,
                        status, reason, groupNpi, groupPayer, List.copyOf(noticeLines)));
            }
            return new ClaimPart(claimId, firstPosition, npi, payer, firstDate, lastDate, lines, billed, atRisk,
                    withErrors, errors, warnings, notices, bypassed, rejected, firstReject, List.copyOf(issues),
                    List.copyOf(groups));
        }

        private static void text(DataOutputStream out, String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private static String text(DataInputStream in) throws IOException {
            return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
        }

        private static void date(DataOutputStream out, LocalDate d) throws IOException {
            out.writeBoolean(d != null);
            if (d != null) {
                out.writeLong(d.toEpochDay());
            }
        }

        private static LocalDate date(DataInputStream in) throws IOException {
            return in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
        }

        private static void money(DataOutputStream out, BigDecimal m) throws IOException {
            text(out, m == null ? "" : m.toPlainString());
        }

        private static BigDecimal money(DataInputStream in) throws IOException {
            String m = text(in);
            return m.isEmpty() ? null : new BigDecimal(m);
        }
    }
}
