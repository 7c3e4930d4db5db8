package org.claimscrub.cli;

import com.opencsv.CSVReader;
import org.claimscrub.bench.PlainJavaPipeline;
import org.claimscrub.bench.SyntheticBatch;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
        assertTrue(printed.contains("Ratio:"), printed);
        assertTrue(printed.matches("(?s).*Sample: .*lab-week.csv in a fresh JVM, median of 1: [\\d.]+ s end to end"
                + " compiling the rules \\(compile [\\d.]+ s\\), [\\d.]+ s with them cached.*"), printed);
    }

    @Test
    void thePlainJavaBaselineFindsWhatTheRulesFindForTheEditsItCodes(@TempDir Path tmp) throws Exception {
        Path batch = tmp.resolve("batch.csv");
        SyntheticBatch.write(batch, 20_000);
        assertEquals(ExitCode.OK.code(), BatchFixtures.scrub("--fail-on", "none",
                "--out", tmp.resolve("full").toString(), batch.toString()));
        ReferenceData reference = new ReferenceDataLoader().load(Path.of("rules", "reference"));
        new PlainJavaPipeline(reference, 5_000).run(batch, tmp.resolve("plain"), tmp.resolve("work"));

        Set<String> coded = Set.of("ADDON_WITHOUT_PRIMARY", "ADDON_UNITS_EXCEED_PRIMARY",
                "ADDON_PRIMARY_PROFESSIONAL_ONLY", "MODIFIER_NOT_ALLOWED");
        List<String> byRules = lineAndCategory(tmp.resolve("full/findings.csv"), coded);
        List<String> byHand = lineAndCategory(tmp.resolve("plain/findings.csv"), coded);
        assertTrue(byRules.size() > 1_000, "the batch exercises the edits: " + byRules.size());
        assertEquals(byRules, byHand);
    }

    /** "input line:category" of each finding of the given categories, sorted. */
    private static List<String> lineAndCategory(Path findings, Set<String> categories) throws Exception {
        try (CSVReader csv = new CSVReader(Files.newBufferedReader(findings))) {
            List<String[]> rows = csv.readAll();
            List<String> header = List.of(rows.get(0));
            int line = header.indexOf("input_line");
            int category = header.indexOf("category");
            return rows.stream().skip(1).filter(r -> categories.contains(r[category]))
                    .map(r -> r[line] + ":" + r[category]).sorted().toList();
        }
    }
}
