package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.claimscrub.cli.BatchFixtures.HEADER;
import static org.claimscrub.cli.BatchFixtures.SAMPLES;
import static org.claimscrub.cli.BatchFixtures.line;
import static org.claimscrub.cli.BatchFixtures.read;
import static org.claimscrub.cli.BatchFixtures.scrub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch guarantees of {@code scrub}: determinism, regrouping, manifest, formats, formula guard. */
class ScrubBatchTest {
    private static final List<String> DETERMINISTIC_FILES = List.of("findings.csv", "notices.csv", "claims.csv",
            "rejects.csv", "summary.txt");

    @TempDir
    Path tmp;

    @Test
    void oneAndManyThreadsGiveByteIdenticalReports() throws IOException {
        String lab = SAMPLES.resolve("lab-week.csv").toString();
        String bad = SAMPLES.resolve("bad-lines.csv").toString();
        assertEquals(1, scrub("--threads", "1", "--out", tmp.resolve("one").toString(), lab, bad));
        assertEquals(1, scrub("--threads", "4", "--out", tmp.resolve("four").toString(), lab, bad));
        assertEquals(1, scrub("--threads", "3", "--memory-lines", "40", "--out", tmp.resolve("spilled").toString(),
                lab, bad));
        for (String file : DETERMINISTIC_FILES) {
            String one = read(tmp.resolve("one").resolve(file));
            assertEquals(one, read(tmp.resolve("four").resolve(file)), file + " with 4 threads");
            assertEquals(one, read(tmp.resolve("spilled").resolve(file)), file + " with 3 threads, spilled");
        }
        assertTrue(read(tmp.resolve("spilled").resolve("run.json")).contains("\"spilled_to_disk\": true"));
        assertTrue(read(tmp.resolve("one").resolve("run.json")).contains("\"spilled_to_disk\": false"));
        assertTrue(read(tmp.resolve("one").resolve("run.json")).contains("\"jvm\": {\"version\": \""
                + Runtime.version() + "\", \"options\": ["), "run.json names the JVM it ran in");
    }

    /**
     * Billing systems group by claim: here each patient's add-on claim sits hundreds of lines after the claim
     * with its primary, and the budget forces a spill; the add-ons must still find their primaries.
     */
    @Test
    void regroupingAnInputNotGroupedByPatientGivesTheInMemoryFindings() throws IOException {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        int patients = 300;
        for (int p = 0; p < patients; p++) {
            rows.add(line("PRI-" + p, 1, "88305", 2, "PT9" + p));
        }
        for (int p = 0; p < patients; p++) {
            rows.add(line("ADD-" + p, 1, "0753T", p % 50 == 0 ? 3 : 2, "PT9" + p));
        }
        rows.add(line("ALONE-1", 1, "0753T", 1, "PT8000"));
        Path input = tmp.resolve("claims-by-claim.csv");
        Files.write(input, rows);

        assertEquals(1, scrub("--out", tmp.resolve("memory").toString(), input.toString()));
        assertEquals(1, scrub("--memory-lines", "25", "--threads", "2", "--out", tmp.resolve("spill").toString(),
                input.toString()));
        String inMemory = read(tmp.resolve("memory").resolve("findings.csv"));
        for (String file : DETERMINISTIC_FILES) {
            assertEquals(read(tmp.resolve("memory").resolve(file)), read(tmp.resolve("spill").resolve(file)), file);
        }
        assertTrue(read(tmp.resolve("spill").resolve("run.json")).contains("\"spilled_to_disk\": true"));
        assertEquals(1, count(inMemory, ",ADDON_WITHOUT_PRIMARY,"), "only the add-on with no primary at all");
        assertTrue(inMemory.contains("ALONE-1,1,0753T"));
        assertEquals(patients / 50, count(inMemory, ",ADDON_UNITS_EXCEED_PRIMARY,"));
    }

    @Test
    void runJsonRecordsInputsRulesReferenceCountsTimingsAndExitCode() throws Exception {
        Path lab = SAMPLES.resolve("lab-week.csv");
        Path bad = SAMPLES.resolve("bad-lines.csv");
        assertEquals(1, scrub("--out", tmp.toString(), lab.toString(), bad.toString()));
        String manifest = read(tmp.resolve("run.json"));
        assertTrue(manifest.contains("\"sha256\": \"" + sha256(lab) + "\""), manifest);
        assertTrue(manifest.contains("\"sha256\": \"" + sha256(bad) + "\""));
        assertTrue(manifest.contains("\"sha256\": \"" + sha256(Path.of("rules/policy/modifiers.drl")) + "\""));
        assertTrue(manifest.contains("\"path\": \"rules/reference/codes.csv\""));
        assertTrue(manifest.contains("\"exit_code\": 1,"));
        assertTrue(manifest.contains("\"exit_name\": \"FINDINGS\""));
        assertTrue(manifest.contains("\"lines_read\": 349,"));
        assertTrue(manifest.contains("\"lines_scrubbed\": 331,"));
        assertTrue(manifest.contains("\"lines_rejected\": 18,"));
        assertTrue(manifest.contains("\"findings_by_severity\": {\"ERROR\": 12, \"WARNING\": 4, \"NOTICE\": 158}"));
        assertTrue(manifest.contains("\"CARRIER_PRICED\": 147"));
        assertTrue(manifest.contains("\"findings\": 174"));
        assertTrue(manifest.matches("(?s).*\"timings_ms\": \\{\"compile_rules\": \\d+.*\"total\": \\d+}.*"));
        assertFalse(manifest.contains("PT1"), "no patient id in the manifest");
        long findingRows = read(tmp.resolve("findings.csv")).lines().count() - 1;
        assertEquals(12 + 4, findingRows, "errors and warnings are the findings rows");
        long noticeLines = read(tmp.resolve("notices.csv")).lines().skip(1)
                .mapToLong(row -> row.split(",")[1].split("\\|").length).sum();
        assertEquals(158, noticeLines, "every notice is on a notices row, and the counts reconcile");
        assertTrue(manifest.contains("\"claims_by_disposition\": {"), manifest);
        assertTrue(manifest.contains("\"dollars\": {"), manifest);
    }

    @Test
    void jsonLinesCarryTheSameFindingsAsCsv() throws IOException {
        String lab = SAMPLES.resolve("lab-week.csv").toString();
        String bad = SAMPLES.resolve("bad-lines.csv").toString();
        assertEquals(1, scrub("--format", "jsonl", "--out", tmp.toString(), lab, bad));
        List<String> findings = Files.readAllLines(tmp.resolve("findings.jsonl"));
        assertEquals(12 + 4, findings.size());
        assertTrue(findings.stream().allMatch(l -> l.contains("\"billing_npi\":") && l.contains("\"charge\":")));
        List<String> notices = Files.readAllLines(tmp.resolve("notices.jsonl"));
        assertTrue(notices.stream().allMatch(l -> l.startsWith("{\"claim_id\":\"") && l.contains("\"line_number\":[")));
        List<String> claims = Files.readAllLines(tmp.resolve("claims.jsonl"));
        assertTrue(claims.stream().anyMatch(l -> l.contains("\"disposition\":\"rejected-lines\"")), claims.get(0));
        assertTrue(findings.stream().allMatch(l -> l.startsWith("{\"claim_id\":\"") && l.endsWith("}")));
        assertTrue(findings.stream().anyMatch(l -> l.contains("\"edit_id\":\"AOP-0753T\"")));
        List<String> rejects = Files.readAllLines(tmp.resolve("rejects.jsonl"));
        assertEquals(18, rejects.size());
        assertTrue(rejects.get(0).startsWith("{\"source_file\":"));
        assertFalse(Files.exists(tmp.resolve("findings.csv")));
        assertTrue(read(tmp.resolve("run.json")).contains("\"format\": \"jsonl\""));
    }

    @Test
    void htmlSummaryIsSelfContainedAndNamesTheTotals() throws IOException {
        assertEquals(1, scrub("--out", tmp.toString(), SAMPLES.resolve("lab-week.csv").toString(),
                SAMPLES.resolve("bad-lines.csv").toString()));
        String html = read(tmp.resolve("summary.html"));
        assertTrue(html.contains("<h1 id=answer>"), html);
        assertTrue(html.contains("349 lines read"), html);
        assertTrue(html.contains("Findings by family"));
        assertTrue(html.contains(">Surgical pathology<"), "families by name, not by file");
        assertTrue(html.contains(">Carrier priced (policy)<"));
        assertTrue(html.contains("Claims to fix, then to review"));
        assertTrue(html.contains("Rejected lines"));
        assertTrue(html.contains("Run details"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("<script>"), "sorting and filtering are inline");
        assertFalse(html.contains("src="), "no external asset");
        assertFalse(html.contains("href="), "no external asset");
        assertFalse(html.contains("PT10031"), "no patient id");
    }

    @Test
    void formulaCellsAreNeutralisedUnlessTheGuardIsOff() throws IOException {
        Path input = tmp.resolve("formula-cells.csv");
        Files.write(input, List.of(HEADER,
                line("=HYPERLINK(1)", 1, "0753T", 1, "PT7001"),
                "@SUM(A1),1,2025-03-11,88305,,two,PT7002,1900000013,1999000114,professional,,81,1.00,D12.5,"));
        assertEquals(1, scrub("--out", tmp.resolve("guarded").toString(), input.toString()));
        assertEquals(1, scrub("--no-formula-guard", "--out", tmp.resolve("raw").toString(), input.toString()));
        String guarded = read(tmp.resolve("guarded").resolve("findings.csv"));
        String guardedRejects = read(tmp.resolve("guarded").resolve("rejects.csv"));
        assertTrue(guarded.contains("\n'=HYPERLINK(1),1,0753T"), guarded);
        assertTrue(guardedRejects.contains(",'@SUM(A1),units,"), guardedRejects);
        String raw = read(tmp.resolve("raw").resolve("findings.csv"));
        assertTrue(raw.contains("\n=HYPERLINK(1),1,0753T"), raw);
        assertTrue(read(tmp.resolve("raw").resolve("rejects.csv")).contains(",@SUM(A1),units,"));
        assertTrue(read(tmp.resolve("raw").resolve("run.json")).contains("\"formula_guard\": false"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
