package org.claimscrub.cli;

import org.claimscrub.bench.PlainJavaPipeline;
import org.claimscrub.bench.SyntheticBatch;
import org.claimscrub.engine.DrlRules;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke test of the bench command on a tiny batch; real figures come from running it by hand. */
class BenchCommandTest {

    @Test
    void benchPrintsRatesAndPeakHeapForBothPipelines() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("bench", "--lines", "2000", "--rules", "rules", "--sample-runs", "1");
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK.code(), exit, printed);
        assertTrue(printed.matches("(?s).*Cold start: full scrub [\\d,]+ lines/s end to end.*"), printed);
        assertTrue(printed.matches("(?s).*Full scrub: [\\d,]+ lines/s end to end.*peak heap [\\d,]+ MB.*"), printed);
        assertTrue(printed.matches("(?s).*Plain Java: [\\d,]+ lines/s.*peak heap [\\d,]+ MB.*"), printed);
        assertTrue(printed.matches("(?s).*Ratio: .*cold start at \\d+% of the plain-Java rate.*"), printed);
        assertTrue(printed.matches("(?s).*Reading:    CSV [\\d,]+ lines/s .*; X12 837 of the same lines [\\d,]+ lines/s.*"),
                printed);
        assertTrue(printed.matches("(?s).*Sample: .*lab-week.csv in a fresh JVM, median of 1: [\\d.]+ s end to end"
                + " compiling the rules \\(compile [\\d.]+ s\\), [\\d.]+ s with them cached.*"), printed);
        assertTrue(printed.matches("(?s).*Cold pair:  each the first run of a fresh JVM, median of 1: full scrub [\\d,]+"
                + " lines/s \\([\\d.]+ s\\), plain Java [\\d,]+ lines/s \\([\\d.]+ s\\): the full scrub at \\d+% of the"
                + " plain-Java rate, both cold.*"), printed);
        boolean canPin = Runtime.getRuntime().availableProcessors() > 1 && CoreScrubs.pinnedToOneCore().isPresent();
        assertTrue(printed.matches(canPin
                ? "(?s).*Cores:      full scrub in a fresh JVM, median of 1: [\\d,]+ lines/s on one core \\([\\d.]+ s,"
                        + " pinned with taskset\\), [\\d,]+ lines/s on \\d+ cores \\([\\d.]+ s\\): [\\d.]+x the one-core"
                        + " rate.*"
                : "(?s).*Cores:      skipped, .*"), printed);
    }

    @Test
    void theFirstAllowedCpuIsReadFromEveryFormOfTheList() {
        assertEquals(Optional.of(0), CoreScrubs.firstCpu("Cpus_allowed_list:\t0-1"));
        assertEquals(Optional.of(2), CoreScrubs.firstCpu("Cpus_allowed_list:\t2,5-7"));
        assertEquals(Optional.of(5), CoreScrubs.firstCpu("Cpus_allowed_list: 5"));
        assertEquals(Optional.empty(), CoreScrubs.firstCpu("Cpus_allowed_list:\t"));
        assertEquals(Optional.empty(), CoreScrubs.firstCpu("Cpus_allowed_list: junk"));
        assertEquals(Optional.empty(), CoreScrubs.firstCpu("Cpus_allowed:\t3"));
    }

    @Test
    void thePlainJavaBaselineMakesEveryEditTheRulesMakeOnTheSyntheticBatch(@TempDir Path tmp) throws Exception {
        Path batch = tmp.resolve("batch.csv");
        Map<String, String> primaryOf = DrlRules.unchained(DrlRules.primaries(Path.of("rules")));
        SyntheticBatch.write(batch, 20_000, primaryOf);
        List<ClaimLine> lines = new ArrayList<>();
        new CsvClaimReader().read(batch, 0, ClaimSink.of(lines::add, r -> {
            throw new AssertionError("the synthetic batch has no bad line: " + r.describe());
        }));
        ReferenceData reference = new ReferenceDataLoader().load(Path.of("rules", "reference"));
        RuleBase rules = new RuleLoader().load(Path.of("rules"));

        List<String> byRules = compact(new Scrubber(rules, reference).scrub(lines));
        List<String> byHand = compact(new PlainJavaPipeline(reference, 5_000, primaryOf, rules.edits())
                .findings(lines));

        assertTrue(byRules.size() > 10_000, "the batch exercises the edits: " + byRules.size());
        Set<String> editsMade = new TreeSet<>();
        byRules.forEach(f -> editsMade.add(f.substring(0, f.indexOf(' ')).replaceAll("-\\d{4}T$", "-<add-on>")));
        assertTrue(editsMade.containsAll(Set.of("AOP-<add-on>", "AOU-<add-on>", "AOPC-<add-on>", "MOD-26", "MOD-TC",
                "MODR-51", "OPPS-PKG", "CPR-C", "DOC-<add-on>")), "the batch makes every kind of edit: " + editsMade);
        assertEquals(new TreeSet<>(byRules).size(), byRules.size(), "no finding twice");
        List<String> missing = new ArrayList<>(byRules);
        missing.removeAll(byHand);
        List<String> extra = new ArrayList<>(byHand);
        extra.removeAll(byRules);
        assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())), "found by the rules only");
        assertEquals(List.of(), extra.subList(0, Math.min(20, extra.size())), "found by plain Java only");
        assertEquals(byRules, byHand);
    }

    @Test
    void thePlainJavaPipelineWritesTheReportFilesFromTheSameFindings(@TempDir Path tmp) throws Exception {
        Path batch = tmp.resolve("batch.csv");
        Map<String, String> primaryOf = DrlRules.unchained(DrlRules.primaries(Path.of("rules")));
        long written = SyntheticBatch.write(batch, 2_000, primaryOf);
        ReferenceData reference = new ReferenceDataLoader().load(Path.of("rules", "reference"));

        List<EditDefinition> edits = new RuleLoader().load(Path.of("rules")).edits();
        long count = new PlainJavaPipeline(reference, 500, primaryOf, edits)
                .run(batch, tmp.resolve("plain"), tmp.resolve("work"));

        try (Stream<String> rows = Files.lines(tmp.resolve("plain/rejects.csv"))) {
            assertEquals(1, rows.count(), "the synthetic batch of " + written + " lines has no bad line: a header only");
        }
        // the same files as a scrub of the batch (spilled too), byte for byte: like for like
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            Main.run("scrub", "--quiet", "--fail-on", "none", "--memory-lines", "500", "--out",
                    tmp.resolve("scrub").toString(), batch.toString());
        } finally {
            System.setOut(stdout);
        }
        for (String name : List.of("claims.csv", "findings.csv", "notices.csv", "rejects.csv", "summary.txt")) {
            String byRules = Files.readString(tmp.resolve("scrub").resolve(name));
            assertTrue(byRules.lines().count() > (name.equals("rejects.csv") ? 0 : 10), name + " has rows");
            assertEquals(byRules, Files.readString(tmp.resolve("plain").resolve(name)), name);
        }
        long findingRows;
        try (Stream<String> rows = Files.lines(tmp.resolve("plain/findings.csv"))) {
            findingRows = rows.count() - 1;
        }
        try (Stream<String> rows = Files.lines(tmp.resolve("plain/notices.csv"))) {
            assertTrue(findingRows + rows.count() - 1 <= count, "notices merged per claim and edit");
        }
        String summary = Files.readString(tmp.resolve("plain/summary.txt"));
        assertTrue(summary.startsWith("Lines:    " + String.format("%,d", written) + " read"), summary);
    }

    /** "edit id claim:line" of each finding, sorted: the findings, whatever the report's row layout. */
    private static List<String> compact(List<Finding> findings) {
        return findings.stream().map(f -> f.edit().editId() + " " + f.line().claimId() + ":" + f.line().lineNumber())
                .sorted().toList();
    }
}
