package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegrouperTest {
    @TempDir
    Path tmp;
    private SpillFolder spill;

    @BeforeEach
    void workFolder() throws IOException {
        spill = SpillFolder.create(tmp, "work-");
    }

    static ClaimLine line(long sourceLine, String claim, String patient, String code) {
        LocalDate dos = LocalDate.of(2025, 3, 11);
        return new ClaimLine(new SourceRef(0, "made-up.csv", sourceLine), claim, 1, dos, code, Modifiers.of("26"),
                2, patient, "1900000013", "", ClaimType.PROFESSIONAL, "", "81", new BigDecimal("12.50"),
                List.of("D12.5"), "", Visit.of(claim, patient, "1900000013", dos), "");
    }

    /** A line with every optional field filled, or left empty, by the line's number. */
    static ClaimLine varied(long sourceLine, String claim, String patient, String code) {
        boolean full = sourceLine % 2 == 0;
        LocalDate dos = LocalDate.of(1968, 2, 29).plusDays(sourceLine * 97);
        return new ClaimLine(new SourceRef(0, "made-up.csv", sourceLine),
                claim, (int) sourceLine, dos, code, full ? Modifiers.of("TC", "59") : Modifiers.NONE,
                (int) sourceLine, patient, "1900000013", full ? "1999000635" : "",
                full ? ClaimType.INSTITUTIONAL : ClaimType.PROFESSIONAL, full ? "0131" : "", full ? "" : "22",
                full ? new BigDecimal("-0.05") : null, full ? List.of("C50.911", "Z17.0") : List.of(),
                full ? "0312" : "", Visit.of(claim, patient, "1900000013", dos), full ? "MEDICARE-B" : "");
    }

    @Test
    void withinBudgetEverythingStaysInOnePartitionInInputOrder() throws IOException {
        try (Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(100), spill, () -> 10)) {
            for (int i = 0; i < 10; i++) {
                regrouper.add(line(i + 2, "C" + i, "PT" + i % 3, "88305"));
            }
            List<Regrouper.Partition> partitions = regrouper.finish();
            assertFalse(regrouper.spilled());
            assertEquals(1, partitions.size());
            assertEquals(10, partitions.get(0).load().size());
            assertEquals(0, Files.list(spill.path()).count(), "nothing written when the batch fits");
        }
    }

    @Test
    void pastTheBudgetEachVisitLandsWholeInOnePartitionAndLinesSurviveTheRoundTrip() throws IOException {
        List<ClaimLine> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            input.add(varied(i + 2, "C" + i, "PT" + i % 37, i % 2 == 0 ? "88305" : "0753T"));
        }
        try (Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(50), spill, () -> 500)) {
            for (ClaimLine l : input) {
                regrouper.add(l);
            }
            List<Regrouper.Partition> partitions = regrouper.finish();
            assertTrue(regrouper.spilled());
            assertTrue(partitions.size() >= 10, "sized from the estimate: " + partitions.size());
            Map<Visit, Integer> partitionOfVisit = new HashMap<>();
            List<ClaimLine> back = new ArrayList<>();
            for (int p = 0; p < partitions.size(); p++) {
                List<ClaimLine> lines = partitions.get(p).load();
                for (int i = 1; i < lines.size(); i++) {
                    assertTrue(lines.get(i - 1).source().compareTo(lines.get(i).source()) < 0, "input order kept");
                }
                for (ClaimLine l : lines) {
                    Integer before = partitionOfVisit.put(l.visit(), p);
                    assertTrue(before == null || before == p, "a visit is never split");
                }
                back.addAll(lines);
            }
            back.sort((a, b) -> a.source().compareTo(b.source()));
            assertEquals(input, back, "every field survives the spill");
        }
        try (Stream<Path> left = Files.list(spill.path())) {
            assertEquals(0, left.count(), "spill files are deleted once read");
        }
    }

    /** C-SPLIT's lines name two patients, whose visits land in different partitions; C-ONE's name one. */
    @Test
    void aClaimWhoseLinesWentToTwoPartitionsMaySplitAndOneInOnePartitionDoesNot() throws IOException {
        try (Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(10), spill, () -> 100)) {
            for (int i = 0; i < 100; i++) {
                regrouper.add(line(i + 2, "C" + i, "PT" + i, "88305"));
            }
            assertTrue(regrouper.spilled());
            regrouper.add(line(200, "C-ONE", "PT1", "88305"));
            regrouper.add(line(201, "C-ONE", "PT1", "0753T"));
            String other = java.util.stream.IntStream.range(2, 100).mapToObj(i -> "PT" + i).filter(p -> partition(
                    regrouper, p) != partition(regrouper, "PT1")).findFirst().orElseThrow();
            regrouper.add(line(202, "C-SPLIT", "PT1", "88305"));
            regrouper.add(line(203, "C-SPLIT", other, "0753T"));
            regrouper.finish();
            assertTrue(regrouper.maySplit("C-SPLIT"));
            assertFalse(regrouper.maySplit("C-ONE"));
        }
        try (Regrouper inMemory = new Regrouper(MemoryBudget.ofLines(100), spill, () -> 10)) {
            inMemory.add(line(2, "C-SPLIT", "PT1", "88305"));
            inMemory.add(line(3, "C-SPLIT", "PT2", "0753T"));
            inMemory.finish();
            assertFalse(inMemory.maySplit("C-SPLIT"), "one partition holds every claim whole");
        }
    }

    /** The partition a patient's visits go to, once the regrouper spills (by the visit's scope, as it does). */
    private static int partition(Regrouper regrouper, String patient) {
        return Math.floorMod(line(2, "C", patient, "88305").visit().scope().hashCode(), regrouper.partitionCount());
    }

    @Test
    void batchesSpilledOnTheirOwnThreadKeepEveryLineInInputOrder() throws IOException {
        int total = 3 * Regrouper.SPILL_BATCH + 17;
        List<ClaimLine> input = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            input.add(varied(i + 2, "C" + i / 3, "PT" + i % 101, i % 2 == 0 ? "88305" : "0753T"));
        }
        try (Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(100), spill, () -> total)) {
            for (ClaimLine l : input) {
                regrouper.add(l);
            }
            List<ClaimLine> back = new ArrayList<>();
            for (Regrouper.Partition partition : regrouper.finish()) {
                List<ClaimLine> lines = partition.load();
                assertEquals(partition.lineCount(), lines.size());
                for (int i = 1; i < lines.size(); i++) {
                    assertTrue(lines.get(i - 1).source().compareTo(lines.get(i).source()) < 0, "input order kept");
                }
                back.addAll(lines);
            }
            back.sort((a, b) -> a.source().compareTo(b.source()));
            assertEquals(input, back);
        }
    }

    @Test
    void closingMidwayStopsTheSpillThreadAndDeletesItsFiles() throws IOException {
        Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(10), spill, () -> 100_000);
        for (int i = 0; i < 2 * Regrouper.SPILL_BATCH; i++) {
            regrouper.add(line(i + 2, "C" + i, "PT" + i % 7, "88305"));
        }
        regrouper.close();
        try (Stream<Path> left = Files.list(spill.path())) {
            assertEquals(0, left.count(), "no spill file outlives close");
        }
    }

    @Test
    void whatTheSpillThreadThrowsReachesTheCallerAndNoFileIsLeft() throws IOException {
        LocalDate dos = LocalDate.of(2025, 3, 11);
        ClaimLine unwritable = new ClaimLine(new SourceRef(0, "made-up.csv", 7), "C7", 1, dos, "88305",
                Modifiers.NONE, 1, null, "1900000013", "", ClaimType.PROFESSIONAL, "", "81", null, List.of(), "",
                new Visit("C:C7", dos), "");
        Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(10), spill, () -> 100_000);
        assertThrows(NullPointerException.class, () -> {
            regrouper.add(unwritable);
            for (int i = 0; i < 3 * Regrouper.SPILL_BATCH; i++) {
                regrouper.add(line(i + 8, "C" + i, "PT" + i % 7, "88305"));
            }
            regrouper.finish();
        });
        regrouper.close();
        try (Stream<Path> left = Files.list(spill.path())) {
            assertEquals(0, left.count(), "no spill file outlives close");
        }
    }

    /** The budget counts bytes: lines with huge cells spill as soon as their size outgrows it, not their number. */
    @Test
    void theBudgetCountsEachLineBySizeSoHugeCellsSpillEarly() throws IOException {
        String hugeClaim = "C".repeat(200_000);
        try (Regrouper ordinary = new Regrouper(MemoryBudget.ofLines(100), spill, () -> 20);
             Regrouper huge = new Regrouper(MemoryBudget.ofLines(100), SpillFolder.create(tmp, "b-"), () -> 20)) {
            for (int i = 0; i < 20; i++) {
                ordinary.add(line(i + 2, "C" + i, "PT" + i, "88305"));
                huge.add(line(i + 2, hugeClaim + i, "PT" + i, "88305"));
            }
            assertFalse(ordinary.spilled(), "20 ordinary lines fit a budget of 100");
            assertTrue(huge.spilled(), "20 lines of 200,000-character claim ids do not");
            long back = 0;
            for (Regrouper.Partition partition : huge.finish()) {
                back += partition.load().size();
            }
            assertEquals(20, back);
            assertTrue(huge.partitionCount() >= 8, "partitions are sized by bytes too: " + huge.partitionCount());
        }
    }
}
