package org.claimscrub.pipeline;

import org.claimscrub.engine.CompiledRulesCache;
import org.claimscrub.engine.MemoryBudget;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputFormat;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.report.ClaimPart;
import org.claimscrub.report.ClaimTotals;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.FindingsFilter;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        BatchRun batch = new BatchRun(FindingRows.csv(new FindingsCsvWriter(true)), FindingsFilter.DEFAULT, 2,
                MemoryBudget.ofLines(budgetLines), SpillFolder.create(tmp, "work-"), BatchProgress.NONE);
        batch.read(List.of(SAMPLE), InputFormat.AUTO, CsvReadOptions.DEFAULT);
        batch.scrub(scrubber, rules.overrides());
        return batch;
    }

    @Test
    void everyClaimWithNoticesReachesTheNoticesSinkInClaimOrderWhetherOrNotTheBatchSpilled() throws Exception {
        for (long budget : new long[] {1_000_000, 40}) {
            try (BatchRun batch = scrubbed(budget)) {
                assertEquals(budget == 40, batch.spilled());
                List<String> claims = new ArrayList<>();
                List<String> noticed = new ArrayList<>();
                // two claims per hand-off: the merge runs ahead of the notices thread and waits on a full queue
                ClaimTotals totals = batch.writeClaims(claim -> claims.add(claim.claimId()),
                        claim -> noticed.add(claim.claimId() + ":" + claim.noticeGroups().size()), 2);
                assertEquals(112, claims.size());
                assertEquals(claims.stream().sorted().toList(), claims);
                assertEquals(112, totals.byDisposition().values().stream().mapToLong(Long::longValue).sum());
                List<String> expected = new ArrayList<>();
                try (BatchRun again = scrubbed(budget)) {
                    again.writeClaims(claim -> {
                        if (!claim.noticeGroups().isEmpty()) {
                            expected.add(claim.claimId() + ":" + claim.noticeGroups().size());
                        }
                    }, null);
                }
                assertFalse(expected.isEmpty());
                assertEquals(expected, noticed, "budget " + budget);
            }
        }
    }

    @Test
    void aNoticesSinkThatFailsStopsTheMergeWithItsMessage() throws Exception {
        try (BatchRun batch = scrubbed(1_000_000)) {
            List<String> claims = new ArrayList<>();
            IOException failed = assertThrows(IOException.class, () -> batch.writeClaims(
                    claim -> claims.add(claim.claimId()), claim -> {
                        throw new IOException("disk full");
                    }, 2));
            assertTrue(failed.getMessage().contains("disk full"), failed.getMessage());
            assertTrue(claims.size() < 112, "the merge stopped at the failure, after " + claims.size() + " claims");
            assertFalse(noticesThreadAlive());
        }
    }

    @Test
    void aClaimsSinkThatFailsWhileNoticesAreWrittenThrowsItsOwnFailureAndLeavesNoThread() throws Exception {
        try (BatchRun batch = scrubbed(1_000_000)) {
            int[] seen = {0};
            IOException failed = assertThrows(IOException.class, () -> batch.writeClaims(claim -> {
                if (++seen[0] == 60) {
                    throw new IOException("claims.csv: no space left");
                }
            }, claim -> {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 2));
            assertEquals("claims.csv: no space left", failed.getMessage());
            assertFalse(noticesThreadAlive());
        }
    }

    private static boolean noticesThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("claimscrub-notices") && t.isAlive());
    }

    @Test
    void claimsComeOutWholeAndSortedWithTheirPartsJoined() throws Exception {
        try (BatchRun batch = scrubbed(40)) {
            List<ClaimPart> claims = new ArrayList<>();
            batch.writeClaims(claims::add, null);
            assertEquals(320, claims.stream().mapToLong(ClaimPart::lines).sum());
            assertEquals(claims.stream().sorted(Comparator.comparing(ClaimPart::claimId)).toList(), claims);
        }
    }
}
