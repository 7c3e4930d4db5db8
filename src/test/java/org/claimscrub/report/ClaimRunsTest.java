package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.Severity;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClaimRunsTest {
    private static final EditDefinition CARRIER = edit("CPR-C", Category.CARRIER_PRICED, Severity.NOTICE);
    private static final EditDefinition NO_PRIMARY = edit("AOP-0753T", Category.ADDON_WITHOUT_PRIMARY,
            Severity.ERROR);
    private static final EditDefinition DUPLICATE = edit("DUP-LINE", Category.DUPLICATE_LINE, Severity.WARNING);
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 10);

    @TempDir
    Path tmp;

    private static EditDefinition edit(String id, Category category, Severity severity) {
        return new EditDefinition(id, category, severity, "", "made-up source", "rule " + id, "policy/made-up.drl");
    }

    static ClaimLine line(int fileIndex, long sourceLine, String claim, int number, String code, String charge,
                          LocalDate dos) {
        return new ClaimLine(new SourceRef(fileIndex, "in" + fileIndex + ".csv", sourceLine), claim, number, dos,
                code, Modifiers.NONE, 1, "PT-SECRET", "1900000013", "", ClaimType.PROFESSIONAL, "", "81",
                charge == null ? null : new BigDecimal(charge), List.of(), "", Visit.of(claim, "PT-SECRET",
                "1900000013", dos), "PAYER-7");
    }

    /** A chunk that holds no claim whole: every claim is joined and made rows of in the merge. */
    private static final Predicate<String> NONE_WHOLE = id -> false;

    /** The claims a format is asked to make rows of, as it is asked (on any thread). */
    private final List<ClaimPart> madeRows = Collections.synchronizedList(new ArrayList<>());
    private final ClaimRuns.RowFormat capture = new ClaimRuns.RowFormat((row, c) -> madeRows.add(c),
            new ClaimRuns.NoticeRow((row, id, g) -> { }, g -> "", (row, g) -> { }));

    /** A notice row made in one go, head, shared part and tail, as no record holds it. */
    static String wholeRow(ClaimRuns.NoticeRow row, String claimId, ClaimPart.NoticeGroup group) {
        StringBuilder out = new StringBuilder();
        row.head().append(out, claimId, group);
        out.append(row.shared().apply(group));
        row.tail().accept(out, group);
        return out.toString();
    }

    private List<ClaimPart> merged(ClaimRuns runs, Map<String, ClaimRuns.Rejected> rejected) throws IOException {
        madeRows.clear();
        runs.write(rejected, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        return List.copyOf(madeRows);
    }

    /** One claim over two files and two dates of service, split over two partitions (and chunks). */
    @Test
    void aClaimSplitOverPartitionsIsOneClaimTheSameInMemoryOrSpilled() throws IOException {
        ClaimLine primary = line(0, 2, "C1", 1, "88305", "125.00", MONDAY);
        ClaimLine addon = line(1, 7, "C1", 2, "0753T", "36.00", MONDAY.plusDays(1));
        ClaimLine second = line(1, 8, "C1", 3, "0756T", "28", MONDAY.plusDays(1));
        ClaimLine other = line(0, 3, "C0", 1, "88305", null, MONDAY);
        List<Finding> partA = List.of(new Finding(primary, CARRIER, "88305 has status C."));
        List<Finding> partB = List.of(new Finding(addon, NO_PRIMARY, "0753T has no primary."),
                new Finding(addon, CARRIER, "0753T has status C."), new Finding(second, CARRIER, "0756T has status C."));
        List<ClaimPart> whole = null;
        for (SpillFolder spill : new SpillFolder[] {null, SpillFolder.create(tmp, "work-")}) {
            try (ClaimRuns runs = new ClaimRuns(spill, capture)) {
                runs.add(1, List.of(runs.chunk(ClaimPart.of(List.of(addon, second), partB, FindingsFilter.DEFAULT),
                        NONE_WHOLE)));
                runs.add(0, List.of(runs.chunk(ClaimPart.of(List.of(primary), partA, FindingsFilter.DEFAULT),
                        NONE_WHOLE), runs.chunk(ClaimPart.of(List.of(other), List.of(), FindingsFilter.DEFAULT),
                        NONE_WHOLE)));
                List<ClaimPart> claims = merged(runs, Map.of());
                assertEquals(List.of("C0", "C1"), claims.stream().map(ClaimPart::claimId).toList());
                ClaimPart c1 = claims.get(1);
                assertEquals(Disposition.FIX, c1.disposition());
                assertEquals(3, c1.lines());
                assertEquals(new BigDecimal("189.00"), c1.billed());
                assertEquals(new BigDecimal("36.00"), c1.atRisk(), "only the line with an error is at risk");
                assertEquals(MONDAY, c1.firstDate());
                assertEquals(MONDAY.plusDays(1), c1.lastDate());
                assertEquals("PAYER-7", c1.payerId());
                assertEquals(1, c1.errors());
                assertEquals(3, c1.notices());
                assertEquals("line 2 0753T, AOP-0753T: 0753T has no primary.", c1.firstFix());
                assertEquals(1, c1.noticeGroups().size(), "one notice row per claim and edit");
                ClaimPart.NoticeGroup notice = c1.noticeGroups().get(0);
                assertEquals(List.of(1, 2, 3), notice.lines().stream().map(ClaimPart.NoticeLine::lineNumber).toList());
                assertEquals("88305, 0753T, 0756T has status C.", notice.message(), "the codes, listed once");
                assertEquals(List.of("in0.csv", "in1.csv"), notice.inputFiles());
                assertEquals(Disposition.READY, claims.get(0).disposition());
                assertNull(claims.get(0).firstFix());
                if (whole == null) {
                    whole = claims;
                } else {
                    assertEquals(whole, claims, "spilled runs read back as they were written");
                }
            }
        }
        // the same lines in one partition, one chunk: the same claim
        try (ClaimRuns runs = new ClaimRuns(null, capture)) {
            List<Finding> all = new ArrayList<>(partA);
            all.addAll(partB);
            runs.add(0, List.of(runs.chunk(ClaimPart.of(List.of(primary, other, addon, second), all,
                    FindingsFilter.DEFAULT), NONE_WHOLE)));
            assertEquals(whole, merged(runs, Map.of()));
        }
    }

    @Test
    void rejectedLinesMakeTheDispositionAndAClaimWithOnlyRejectedLinesStillHasItsRow() throws IOException {
        ClaimLine ok = line(0, 2, "C2", 1, "88305", "10.00", MONDAY);
        try (ClaimRuns runs = new ClaimRuns(null, capture)) {
            runs.add(0, List.of(runs.chunk(ClaimPart.of(List.of(ok), List.of(new Finding(ok, DUPLICATE, "dup")),
                    FindingsFilter.DEFAULT), NONE_WHOLE)));
            Map<String, ClaimRuns.Rejected> rejected = Map.of(
                    "C2", new ClaimRuns.Rejected(1, new SourceRef(0, "in0.csv", 3), "units"),
                    "C9", new ClaimRuns.Rejected(2, new SourceRef(0, "in0.csv", 9), ""));
            List<ClaimPart> claims = merged(runs, rejected);
            assertEquals(List.of("C2", "C9"), claims.stream().map(ClaimPart::claimId).toList());
            assertEquals(Disposition.REJECTED_LINES, claims.get(0).disposition());
            assertEquals(1, claims.get(0).lines());
            assertEquals(1, claims.get(0).rejectedLines());
            assertEquals("in0.csv line 3, field units: the line could not be read; correct it (see rejects.csv)"
                    + " and scrub again", claims.get(0).firstFix());
            assertEquals(Disposition.REJECTED_LINES, claims.get(1).disposition());
            assertEquals(0, claims.get(1).lines());
            assertNull(claims.get(1).firstDate());
        }
    }

    @Test
    void noticesOfDifferentMessagesAreListedAndMinSeverityNoticeKeepsThemAsFindings() {
        ClaimLine a = line(0, 2, "C3", 1, "0854T", "5.00", MONDAY);
        ClaimLine b = line(0, 3, "C3", 2, "0855T", "6.00", MONDAY);
        EditDefinition doc = edit("DOC-X", Category.DOCUMENTATION, Severity.NOTICE);
        List<Finding> findings = List.of(new Finding(a, doc, "First reason."), new Finding(b, doc, "Second one."),
                new Finding(b, DUPLICATE, "dup"));
        ClaimPart part = ClaimPart.of(List.of(a, b), findings, FindingsFilter.DEFAULT).get(0);
        assertEquals("First reason. | Second one.", part.noticeGroups().get(0).message());
        List<Finding> coded = List.of(new Finding(a, doc, "0854T needs its report."),
                new Finding(b, doc, "0855T needs its slide."));
        assertEquals("0854T needs its report. | 0855T needs its slide.", ClaimPart.of(List.of(a, b), coded,
                FindingsFilter.DEFAULT).get(0).noticeGroups().get(0).message(), "each names its code, but not alike");
        List<Finding> alike = List.of(new Finding(a, doc, "Attach 0854T's report."),
                new Finding(b, doc, "Attach 0855T's report."));
        assertEquals("Attach 0854T, 0855T's report.", ClaimPart.of(List.of(a, b), alike, FindingsFilter.DEFAULT)
                .get(0).noticeGroups().get(0).message());
        assertEquals(new BigDecimal("11.00"), part.noticeGroups().get(0).charge());
        assertEquals(Disposition.REVIEW, part.disposition());
        assertEquals(List.of(), ClaimPart.of(List.of(a, b), findings, new FindingsFilter(Severity.NOTICE)).get(0)
                .noticeGroups(), "with --min-severity notice every finding is a findings row");
        ClaimPart errorsOnly = ClaimPart.of(List.of(a, b), findings, new FindingsFilter(Severity.ERROR)).get(0);
        assertEquals(List.of("DOC-X", "DUP-LINE"), errorsOnly.noticeGroups().stream()
                .map(ClaimPart.NoticeGroup::editId).toList(), "with error, warnings join the notices");
    }

    /** Workers encode chunks at once, sharing one string table; the merge reads every claim back as it was made. */
    @Test
    void chunksEncodedOnManyThreadsAtOnceReadBackAsMade() throws Exception {
        List<List<ClaimPart>> chunks = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            List<ClaimLine> lines = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            for (int n = 0; n < 50; n++) {
                ClaimLine l = line(0, c * 100L + n, String.format("C%02d-%02d", n, c), 1, "0753T", n + ".50", MONDAY);
                lines.add(l);
                findings.add(new Finding(l, CARRIER, "0753T has status C, chunk " + c + "."));
                findings.add(new Finding(l, NO_PRIMARY, "0753T has no primary."));
            }
            chunks.add(ClaimPart.of(lines, findings, FindingsFilter.DEFAULT));
        }
        List<ClaimPart> expected = chunks.stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(ClaimPart::claimId)).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (ClaimRuns runs = new ClaimRuns(SpillFolder.create(tmp, "work-"), capture)) {
            List<java.util.concurrent.Future<ClaimRuns.Chunk>> encoded = new ArrayList<>();
            for (List<ClaimPart> chunk : chunks) {
                encoded.add(pool.submit(() -> runs.chunk(chunk, NONE_WHOLE)));
            }
            List<ClaimRuns.Chunk> partition = new ArrayList<>();
            for (java.util.concurrent.Future<ClaimRuns.Chunk> f : encoded) {
                partition.add(f.get());
            }
            runs.add(0, partition.subList(0, 8));
            runs.add(1, partition.subList(8, 16));
            assertEquals(expected, merged(runs, Map.of()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A claim over two dates, an error and notices; a second claim ready; a third whose one line was rejected. */
    private static List<ClaimPart> sampleParts() {
        ClaimLine primary = line(0, 2, "C1", 1, "88305", "125.00", MONDAY);
        ClaimLine addon = line(0, 3, "C1", 2, "0753T", "36.00", MONDAY.plusDays(1));
        ClaimLine other = line(0, 4, "C0", 1, "88305", null, MONDAY);
        return ClaimPart.of(List.of(primary, addon, other), List.of(new Finding(primary, CARRIER, "88305 has status C."),
                new Finding(addon, NO_PRIMARY, "0753T has no primary."), new Finding(addon, CARRIER,
                "0753T has status C.")), FindingsFilter.DEFAULT);
    }

    private static final Map<String, ClaimRuns.Rejected> C9_REJECTED = Map.of(
            "C9", new ClaimRuns.Rejected(1, new SourceRef(0, "in0.csv", 9), "units"));

    private static ClaimRuns.RowFormat csv() {
        return ClaimRuns.RowFormat.csv(new ClaimsCsvWriter(true), new FindingsCsvWriter(true));
    }

    /** claims.csv and notices.csv of the sample parts, made in the chunk or in the merge, in memory or spilled. */
    private List<String> written(SpillFolder spill, Predicate<String> whole, List<ClaimTotals> totals)
            throws IOException {
        try (ClaimRuns runs = new ClaimRuns(spill, csv())) {
            runs.add(0, List.of(runs.chunk(sampleParts(), whole)));
            ByteArrayOutputStream claims = new ByteArrayOutputStream();
            ByteArrayOutputStream notices = new ByteArrayOutputStream();
            totals.add(runs.write(C9_REJECTED, claims, notices));
            return List.of(claims.toString(StandardCharsets.UTF_8), notices.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void rowsMadeInTheChunkAreTheBytesTheMergeMakesAndCountTheSame() throws IOException {
        List<ClaimTotals> totals = new ArrayList<>();
        List<String> inMerge = written(null, NONE_WHOLE, totals);
        assertEquals(3, inMerge.get(0).lines().count(), inMerge.get(0));
        assertTrue(inMerge.get(0).startsWith("C0,ready,"), inMerge.get(0));
        assertTrue(inMerge.get(0).contains("\nC1,fix,"), inMerge.get(0));
        assertTrue(inMerge.get(0).contains("\nC9,rejected-lines,"), inMerge.get(0));
        assertEquals(1, inMerge.get(1).lines().count(), "one notice row for C1's two carrier-priced lines");
        assertEquals(inMerge, written(null, id -> true, totals));
        assertEquals(inMerge, written(SpillFolder.create(tmp, "work-"), id -> true, totals));
        assertEquals(inMerge, written(SpillFolder.create(tmp, "work-"), NONE_WHOLE, totals));
        for (ClaimTotals t : totals) {
            assertEquals(totals.get(0).byDisposition(), t.byDisposition());
            assertEquals(totals.get(0).worklist(), t.worklist());
        }
        assertEquals(List.of("C1", "C9"), totals.get(1).worklist().stream().map(ClaimPart::claimId).toList());
    }

    @Test
    void rowsWithTextBeyondAsciiAreUtf8WhereverTheyAreMade() throws IOException {
        ClaimLine addon = line(0, 3, "CÜ-1", 2, "0753T", "36.00", MONDAY);
        List<ClaimPart> parts = ClaimPart.of(List.of(addon), List.of(new Finding(addon, NO_PRIMARY,
                "0753T ohne Primärleistung."), new Finding(addon, CARRIER, "0753T: prix fixé par le payeur.")),
                FindingsFilter.DEFAULT);
        List<List<String>> made = new ArrayList<>();
        for (Predicate<String> whole : List.of(NONE_WHOLE, id -> true)) {
            try (ClaimRuns runs = new ClaimRuns(null, csv())) {
                runs.add(0, List.of(runs.chunk(parts, whole)));
                ByteArrayOutputStream claims = new ByteArrayOutputStream();
                ByteArrayOutputStream notices = new ByteArrayOutputStream();
                runs.write(Map.of(), claims, notices);
                made.add(List.of(claims.toString(StandardCharsets.UTF_8), notices.toString(StandardCharsets.UTF_8)));
            }
        }
        assertEquals(made.get(0), made.get(1), "made in the chunk as in the merge");
        assertTrue(made.get(1).get(0).startsWith("CÜ-1,fix,"), made.get(1).get(0));
        assertTrue(made.get(1).get(0).contains("0753T ohne Primärleistung."), made.get(1).get(0));
        assertTrue(made.get(1).get(1).startsWith("CÜ-1,2,0753T,"), made.get(1).get(1));
        assertTrue(made.get(1).get(1).contains("prix fixé par le payeur"), made.get(1).get(1));
    }

    private static List<Byte> utf8(Object text) {
        byte[] bytes = text instanceof ByteArrayOutputStream out ? out.toByteArray()
                : text.toString().getBytes(StandardCharsets.UTF_8);
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    /** The records hold each row's UTF-8 bytes: the rows as the formats make them, encoded by the JDK. */
    @Test
    void rowsOfAnyTextAreTheFormatsRowsInUtf8() throws IOException {
        List<String> texts = List.of("C1", "C\u0080-\u00ff", "C\u00e9", "C\ud83d\ude00", "C\ud800", "\u007f", "=C,\"x\"");
        for (ClaimRuns.RowFormat format : List.of(csv(),
                ClaimRuns.RowFormat.jsonl(new ClaimsJsonlWriter(), new FindingsJsonlWriter()))) {
            for (int i = 0; i < texts.size(); i++) {
                String id = texts.get(i);
                String message = "0753T " + texts.get((i + 3) % texts.size());
                ClaimLine addon = line(i, 3, id, 2, "0753T", "36.00", MONDAY);
                ClaimPart part = ClaimPart.of(List.of(addon), List.of(new Finding(addon, NO_PRIMARY, message),
                        new Finding(addon, CARRIER, message + " " + texts.get((i + 5) % texts.size()))),
                        FindingsFilter.DEFAULT).get(0);
                StringBuilder claimRow = new StringBuilder();
                format.claim().accept(claimRow, part);
                StringBuilder noticeRows = new StringBuilder();
                part.noticeGroups().forEach(g -> noticeRows.append(wholeRow(format.notice(), id, g)));
                for (Predicate<String> whole : List.of(NONE_WHOLE, c -> true)) {
                    try (ClaimRuns runs = new ClaimRuns(null, format)) {
                        runs.add(0, List.of(runs.chunk(List.of(part), whole)));
                        ByteArrayOutputStream claims = new ByteArrayOutputStream();
                        ByteArrayOutputStream notices = new ByteArrayOutputStream();
                        runs.write(Map.of(), claims, notices);
                        // a lone surrogate is '?' in UTF-8, as String.getBytes makes it
                        assertEquals(utf8(claimRow), utf8(claims), id);
                        assertEquals(utf8(noticeRows), utf8(notices), id);
                    }
                }
            }
        }
    }

    @Test
    void aClaimTakenForWholeThatHasAPartElsewhereStopsTheMerge() throws IOException {
        ClaimLine a = line(0, 2, "C1", 1, "88305", "1.00", MONDAY);
        ClaimLine b = line(0, 3, "C1", 2, "88305", "1.00", MONDAY.plusDays(1));
        try (ClaimRuns runs = new ClaimRuns(null, csv())) {
            runs.add(0, List.of(runs.chunk(ClaimPart.of(List.of(a), List.of(), FindingsFilter.DEFAULT), id -> true)));
            runs.add(1, List.of(runs.chunk(ClaimPart.of(List.of(b), List.of(), FindingsFilter.DEFAULT), NONE_WHOLE)));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> runs.write(Map.of(),
                    OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
            assertTrue(e.getMessage().contains("claim C1"), e.getMessage());
        }
    }

    @Test
    void aChunkHoldsAClaimWholeOnlyWithoutRejectedLinesOrLinesElsewhere() {
        Predicate<String> whole = ClaimRuns.whole(C9_REJECTED, id -> id.equals("C7"));
        assertTrue(whole.test("C1"));
        assertFalse(whole.test("C9"), "a rejected line joins in the merge");
        assertFalse(whole.test("C7"), "lines elsewhere join in the merge");
    }

    /** More distinct notice messages than the shared table holds: the rest go inline, the bytes the same. */
    @Test
    void noticesPastTheSharedTableGoInlineAsTheSameRows() throws IOException {
        List<ClaimLine> lines = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int n = 0; n < 20_100; n++) {
            ClaimLine l = line(0, n + 2L, String.format("C%05d", n), 1, "0753T", "1.00", MONDAY);
            lines.add(l);
            findings.add(new Finding(l, CARRIER, "0753T has status C, note " + n + "."));
        }
        List<ClaimPart> parts = ClaimPart.of(lines, findings, FindingsFilter.DEFAULT);
        List<String> files = new ArrayList<>();
        for (Predicate<String> whole : List.<Predicate<String>>of(id -> true, NONE_WHOLE)) {
            try (ClaimRuns runs = new ClaimRuns(SpillFolder.create(tmp, "work-"), csv())) {
                runs.add(0, List.of(runs.chunk(parts, whole)));
                ByteArrayOutputStream notices = new ByteArrayOutputStream();
                runs.write(Map.of(), OutputStream.nullOutputStream(), notices);
                files.add(notices.toString(StandardCharsets.UTF_8));
            }
        }
        StringBuilder expected = new StringBuilder();
        for (ClaimPart part : parts) {
            expected.append(wholeRow(csv().notice(), part.claimId(), part.noticeGroups().get(0)));
        }
        assertEquals(20_100, files.get(0).lines().count());
        assertEquals(expected.toString(), files.get(0), "each row as the writer makes it whole");
        assertEquals(files.get(0), files.get(1));
    }
}
