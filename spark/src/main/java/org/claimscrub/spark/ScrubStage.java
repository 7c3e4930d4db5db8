package org.claimscrub.spark;

import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;
import org.claimscrub.pipeline.FindingRows;
import org.claimscrub.pipeline.GroupScrub;
import org.claimscrub.reader.DuplicateLineNumbers;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.RejectsCsvWriter;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The second and third stages' work on one partition, and the report rows, all with the core's classes. */
final class ScrubStage {
    private ScrubStage() {
    }

    /**
     * Stage two, on a partition of whole claims sorted by claim id then input position: the first line with a
     * number is kept and every later one set aside, by the core's check (the CLI's, by claim id over the batch).
     * Kept lines come out keyed by their visit for stage three; set-aside ones as rejects.
     */
    static List<ReadStage.Item> setAsideRepeats(Iterator<byte[]> lines) throws IOException {
        List<ReadStage.Item> out = new ArrayList<>();
        try (DuplicateLineNumbers duplicates = new DuplicateLineNumbers()) {
            while (lines.hasNext()) {
                LineCodec.Read read = LineCodec.line(lines.next());
                ClaimLine line = read.line();
                Reject repeated = duplicates.check(line, read::raw);
                long position = LineCodec.position(line.source());
                if (repeated != null) {
                    out.add(new ReadStage.Item(ReadStage.Kind.REJECT, "", position, LineCodec.reject(repeated),
                            null));
                } else {
                    out.add(new ReadStage.Item(ReadStage.Kind.LINE, visitKey(line), position,
                            LineCodec.line(line, null), null));
                }
            }
        }
        return out;
    }

    /** The visit a line is scrubbed in (patient, billing NPI, date; its claim when either is missing). */
    static String visitKey(ClaimLine line) {
        return line.visit().scope() + "|" + line.visit().dateOfService();
    }

    /** One partition's findings rows and figures. */
    record Scrubbed(List<String> rows, long lines, Map<Severity, Long> rowsBySeverity, long findings,
                    boolean ruleFailed) implements Serializable {
    }

    /**
     * Stage three, on a partition of whole visits: the lines in input order, grouped by visit and packed into
     * session-sized chunks as the CLI does, each chunk scrubbed by the core's {@link GroupScrub}.
     */
    static Scrubbed scrub(Iterator<byte[]> encoded, ShippedSetup setup, boolean csvGuard) {
        List<ClaimLine> lines = new ArrayList<>();
        encoded.forEachRemaining(bytes -> lines.add(LineCodec.line(bytes).line()));
        lines.sort(Comparator.comparing(ClaimLine::source));
        GroupScrub group = setup.loaded().group();
        FindingsCsvWriter csv = new FindingsCsvWriter(csvGuard);
        var format = FindingRows.csv(csv);
        List<String> rows = new ArrayList<>();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        long findings = 0;
        boolean ruleFailed = false;
        for (List<List<ClaimLine>> chunk : Scrubber.chunks(Scrubber.visits(lines))) {
            GroupScrub.Scrubbed found = group.scrub(chunk);
            findings += found.findings().size();
            List<Finding> reported = new ArrayList<>(found.reported());
            reported.sort(Scrubber.REPORT_ORDER);
            for (Finding f : reported) {
                rows.add(FindingRows.row(format, f));
                bySeverity.merge(f.severity(), 1L, Long::sum);
            }
            ruleFailed |= found.findings().stream().anyMatch(f -> f.category() == Category.SYSTEM);
        }
        return new Scrubbed(rows, lines.size(), bySeverity, findings, ruleFailed);
    }

    /** A rejects.csv row, line end included, as the CLI's writer makes it. */
    static String rejectRow(Reject reject, boolean csvGuard) {
        StringWriter out = new StringWriter();
        new RejectsCsvWriter(csvGuard).write(List.of(reject), out);
        String both = out.toString();
        return both.substring(both.indexOf('\n') + 1);
    }
}
