package org.claimscrub.pipeline;

import org.claimscrub.engine.CompiledRulesCache;
import org.claimscrub.engine.MemoryBudget;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputFormat;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.report.ClaimRuns;
import org.claimscrub.report.ClaimTotals;
import org.claimscrub.report.ClaimsCsvWriter;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.FindingsFilter;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A batch's claims, merged on one thread while their notices are written on another. */
class BatchRunTest {
    private static final Path RULES = Path.of("rules");
    private static final Path SAMPLE = Path.of("claims-samples/lab-week.csv");
    private static RulesSetup.Rules rules;
    private static Scrubber scrubber;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        String cache = System.getenv(CompiledRulesCache.ENVIRONMENT);
        rules = RulesSetup.rules(new RuleLoader(cache == null ? CompiledRulesCache.off()
                : CompiledRulesCache.in(Path.of(cache), notice -> { })), RULES, null);
        RulesSetup.Tables tables = RulesSetup.tables(RULES, new CmsTableLoader.Request(null, null, null, null));
        scrubber = new Scrubber(rules.ruleBase(), tables.reference(), tables.cms());
    }

    /** The sample scrubbed with a regrouping budget of {@code budgetLines} (a small one spills). */
    private BatchRun scrubbed(long budgetLines) throws Exception {
        return scrubbed(SAMPLE, budgetLines);
    }

    private BatchRun scrubbed(Path input, long budgetLines) throws Exception {
        FindingsCsvWriter csv = new FindingsCsvWriter(true);
        BatchRun batch = new BatchRun(FindingRows.csv(csv), ClaimRuns.RowFormat.csv(new ClaimsCsvWriter(true), csv),
                FindingsFilter.DEFAULT, 2, MemoryBudget.ofLines(budgetLines), SpillFolder.create(tmp, "work-"),
                BatchProgress.NONE);
        batch.read(List.of(input), InputFormat.AUTO, CsvReadOptions.DEFAULT);
        batch.scrub(scrubber, rules.overrides());
        return batch;
    }

    /**
     * In memory a claim is made rows of where it was scrubbed; spilled over partitions of 40 lines, the claims
     * spread over chunks are joined in the merge: the same files either way, every claim once, in claim id order.
     */
    @Test
    void claimsAndNoticesAreTheSameWhetherOrNotTheBatchSpilled() throws Exception {
        List<String> files = null;
        for (long budget : new long[] {1_000_000, 40}) {
            try (BatchRun batch = scrubbed(budget)) {
                assertEquals(budget == 40, batch.spilled());
                ByteArrayOutputStream claims = new ByteArrayOutputStream();
                ByteArrayOutputStream notices = new ByteArrayOutputStream();
                ClaimTotals totals = batch.writeClaims(claims, notices);
                List<String> ids = claims.toString(StandardCharsets.UTF_8).lines()
                        .map(row -> row.substring(0, row.indexOf(','))).toList();
                assertEquals(112, ids.size());
                assertEquals(ids.stream().sorted().distinct().toList(), ids);
                assertEquals(112, totals.byDisposition().values().stream().mapToLong(Long::longValue).sum());
                List<String> written = List.of(claims.toString(StandardCharsets.UTF_8),
                        notices.toString(StandardCharsets.UTF_8));
                assertFalse(written.get(1).isEmpty());
                if (files == null) {
                    files = written;
                } else {
                    assertEquals(files, written, "budget " + budget);
                }
            }
        }
    }

    /** An output that fails on its first write, as a full disk does. */
    private static OutputStream full(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                write(0);
            }
        };
    }

    /** The notices are written on a thread of their own: its failure reaches the merge, and no thread is left. */
    /**
     * The sample, but the last line of every claim of several lines names another patient (so that, spilled, the
     * claim's lines go to different partitions), and one more claim has a line at each end of the file on two
     * dates (two visits, in different chunks): those claims are joined in the merge, every other claim's rows are
     * made where it was scrubbed, and the files are the same as when everything is held in memory.
     */
    @Test
    void claimsSplitOverPartitionsOrChunksAreJoinedIntoTheSameRows() throws Exception {
        List<String> lines = Files.readAllLines(SAMPLE);
        Map<String, Integer> lastLineOf = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            lastLineOf.put(lines.get(i).split(",", -1)[0], i);
        }
        List<String> input = new ArrayList<>();
        input.add(lines.get(0));
        input.add("C-SPREAD,1,2025-03-03,88305,,1,PT-SPREAD,1900000013,1999000221,professional,,81,10.00,C44.311,");
        Map<String, Long> linesOf = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            linesOf.merge(cells[0], 1L, Long::sum);
            if (lastLineOf.get(cells[0]) == i && !lines.get(i - 1).startsWith(cells[0] + ",")) {
                input.add(lines.get(i));
            } else if (lastLineOf.get(cells[0]) == i) {
                cells[6] = "PT-OTHER-" + cells[0];
                input.add(String.join(",", cells));
            } else {
                input.add(lines.get(i));
            }
        }
        input.add("C-SPREAD,2,2025-03-14,88305,,1,PT-SPREAD,1900000013,1999000221,professional,,81,20.00,C44.311,");
        linesOf.put("C-SPREAD", 2L);
        Path file = tmp.resolve("split-claims.csv");
        Files.write(file, input);
        List<String> files = null;
        for (long budget : new long[] {1_000_000, 40}) {
            try (BatchRun batch = scrubbed(file, budget)) {
                ByteArrayOutputStream claims = new ByteArrayOutputStream();
                ByteArrayOutputStream notices = new ByteArrayOutputStream();
                batch.writeClaims(claims, notices);
                Map<String, Long> rowLines = new HashMap<>();
                claims.toString(StandardCharsets.UTF_8).lines().forEach(row -> {
                    String[] cells = row.split(",", -1);
                    assertEquals(null, rowLines.put(cells[0], Long.parseLong(cells[6])), "one row for " + cells[0]);
                });
                assertEquals(linesOf, rowLines, "every claim once, with all its lines");
                assertTrue(claims.toString(StandardCharsets.UTF_8).contains("C-SPREAD,ready,1900000013,,2025-03-03,"
                        + "2025-03-14,2,"), "one claim over two visits");
                List<String> written = List.of(claims.toString(StandardCharsets.UTF_8),
                        notices.toString(StandardCharsets.UTF_8));
                if (files == null) {
                    files = written;
                } else {
                    assertEquals(files, written, "spilled, the split claims are joined into the same rows");
                }
            }
        }
    }

    @Test
    void aFailingNoticesOutputFailsTheMergeWithItsMessage() throws Exception {
        try (BatchRun batch = scrubbed(40)) {
            IOException failed = assertThrows(IOException.class, () -> batch.writeClaims(new ByteArrayOutputStream(),
                    full("notices.csv: no space left")));
            assertEquals("notices.csv: no space left", failed.getMessage());
            assertFalse(noticesThreadAlive());
        }
    }

    @Test
    void aFailingClaimsOutputStopsTheNoticesThreadToo() throws Exception {
        try (BatchRun batch = scrubbed(40)) {
            IOException failed = assertThrows(IOException.class, () -> batch.writeClaims(
                    full("claims.csv: no space left"), new ByteArrayOutputStream()));
            assertEquals("claims.csv: no space left", failed.getMessage());
            assertFalse(noticesThreadAlive());
        }
    }

    private static boolean noticesThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("claimscrub-notices") && t.isAlive());
    }
}
