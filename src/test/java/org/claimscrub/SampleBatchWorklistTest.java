package org.claimscrub;

import com.opencsv.CSVReader;
import org.claimscrub.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample batch's worklist and dollars, checked against figures computed here from the input and the findings
 * alone: the at-risk total is the sum of the charges of the lines that have an error.
 */
class SampleBatchWorklistTest {
    @TempDir
    static Path out;

    @BeforeAll
    static void scrub() {
        assertEquals(1, Main.run("scrub", "--quiet", "--out", out.toString(), "claims-samples/lab-week.csv"));
    }

    private static List<Map<String, String>> rows(Path csv) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv); CSVReader reader = new CSVReader(in)) {
            String[] header = reader.readNext();
            for (String[] cells : reader) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void atRiskIsTheSumOfTheChargesOfTheLinesWithErrors() throws Exception {
        Map<String, BigDecimal> charges = new HashMap<>();
        BigDecimal billed = BigDecimal.ZERO;
        for (Map<String, String> line : rows(Path.of("claims-samples/lab-week.csv"))) {
            BigDecimal charge = line.get("charge").isEmpty() ? BigDecimal.ZERO : new BigDecimal(line.get("charge"));
            charges.put(line.get("claim_id") + "/" + line.get("line_number"), charge);
            billed = billed.add(charge);
        }
        Set<String> errorLines = new HashSet<>();
        for (Map<String, String> f : rows(out.resolve("findings.csv"))) {
            if (f.get("severity").equals("ERROR")) {
                errorLines.add(f.get("claim_id") + "/" + f.get("line_number"));
            }
        }
        BigDecimal atRisk = errorLines.stream().map(charges::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(atRisk.signum() > 0);

        BigDecimal claimsAtRisk = rows(out.resolve("claims.csv")).stream().map(c -> new BigDecimal(c.get("at_risk")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, atRisk.compareTo(claimsAtRisk), "claims.csv at_risk adds up to " + atRisk);
        String dollars = String.format("$%,.2f", atRisk);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains(String.format("Dollars:  $%,.2f billed, %s at risk on %d lines with errors",
                billed, dollars, errorLines.size())), summary);
        String manifest = Files.readString(out.resolve("run.json"));
        assertTrue(manifest.contains("\"total\": {\"lines\": 320, \"billed\": " + billed.setScale(2)
                + ", \"lines_at_risk\": " + errorLines.size() + ", \"at_risk\": " + atRisk.setScale(2) + "}"),
                manifest);
        assertTrue(Files.readString(out.resolve("summary.html")).contains(dollars + " at risk"));
    }

    @Test
    void everyClaimHasItsDispositionAndFindingsHoldOnlyErrorsAndWarnings() throws Exception {
        List<Map<String, String>> claims = rows(out.resolve("claims.csv"));
        assertEquals(112, claims.size());
        Map<String, Long> byDisposition = new HashMap<>();
        claims.forEach(c -> byDisposition.merge(c.get("disposition"), 1L, Long::sum));
        assertEquals(Map.of("fix", 11L, "review", 3L, "ready", 98L), byDisposition);
        assertTrue(claims.stream().filter(c -> !c.get("disposition").equals("ready"))
                .allMatch(c -> c.get("first_fix").startsWith("line ")), "each claim to fix says what to fix first");
        List<Map<String, String>> findings = rows(out.resolve("findings.csv"));
        assertEquals(14, findings.size());
        assertTrue(findings.stream().allMatch(f -> Set.of("ERROR", "WARNING").contains(f.get("severity"))));
        assertTrue(findings.stream().allMatch(f -> f.get("billing_npi").matches("\\d{10}")
                && !f.get("charge").isEmpty()));

        List<Map<String, String>> notices = rows(out.resolve("notices.csv"));
        Set<String> claimAndEdit = new HashSet<>();
        long noticeLines = 0;
        for (Map<String, String> n : notices) {
            assertEquals("NOTICE", n.get("severity"));
            assertTrue(claimAndEdit.add(n.get("claim_id") + "/" + n.get("edit_id")), "one row per claim and edit");
            String[] lines = n.get("line_number").split("\\|");
            assertEquals(lines.length, n.get("input_line").split("\\|").length);
            assertEquals(lines.length, Arrays.stream(n.get("procedure_code").split("\\|")).count());
            noticeLines += lines.length;
        }
        assertEquals(154, noticeLines, "every notice is on a row");
        assertTrue(notices.size() < 154);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("Claims:   112 in all: 11 to fix, 3 to review, 98 ready"), summary);
        assertFalse(String.join("\n", Files.readAllLines(out.resolve("claims.csv"))).contains("PT1"),
                "no patient id");
    }

    @Test
    void minSeverityNoticePutsEveryFindingInOneFileForPipelines(@TempDir Path all) throws Exception {
        assertEquals(1, Main.run("scrub", "--quiet", "--min-severity", "notice", "--out", all.toString(),
                "claims-samples/lab-week.csv"));
        assertEquals(168, rows(all.resolve("findings.csv")).size());
        assertFalse(Files.exists(all.resolve("notices.csv")));
        assertEquals(112, rows(all.resolve("claims.csv")).size());
    }

    @Test
    void categoryLinesShowTheSeverityAnOverrideGave(@TempDir Path dir) throws Exception {
        Path overrides = Files.writeString(dir.resolve("overrides.csv"),
                "edit,action,severity,payer_id,billing_npi,from_date,to_date,reason\nCPR-C,severity,WARNING,,,,,"
                        + "Made-up: carrier-priced lines reviewed here\n");
        Path report = dir.resolve("report");
        int exit = Main.run("scrub", "--quiet", "--overrides", overrides.toString(), "--out", report.toString(),
                "claims-samples/lab-week.csv");
        String summary = Files.readString(report.resolve("summary.txt"));
        assertEquals(1, exit, summary);
        assertTrue(summary.matches("(?s).*CARRIER_PRICED\\s+WARNING\\s+143\n.*"), summary);
        assertFalse(summary.matches("(?s).*CARRIER_PRICED\\s+NOTICE.*"), summary);
        assertTrue(summary.contains("146 warnings"), summary);
    }
}
