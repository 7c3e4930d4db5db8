package org.claimscrub.reader;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.claimscrub.bench.X12Batch;
import org.claimscrub.cli.Main;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same claims, written as CSV and as 837P/837I, give the same findings through the real scrub pipeline. The
 * fixtures are the shipped samples (lab-week-like claims: add-ons with and without their primary, a primary on
 * another claim, modifiers the fee schedule forbids, duplicate lines, OPPS institutional lines); the 837 of each
 * is written from the lines the CSV reader makes of it, so both inputs hold the same values.
 */
class X12SameFindingsTest {
    private static final List<String> SAMPLES = List.of("lab-week.csv", "addon-missing-primary.csv",
            "addon-primary-other-claim.csv", "addon-units-over-primary.csv", "modifier-not-allowed.csv",
            "modifier-review.csv", "duplicate-line.csv", "opps-outpatient.csv", "code-not-effective.csv");

    @TempDir
    static Path dir;
    private static final List<Path> csvFiles = new ArrayList<>();
    private static final List<Path> x12Files = new ArrayList<>();

    @BeforeAll
    static void writeBothForms() throws IOException, InputException {
        for (String sample : SAMPLES) {
            Path csv = Path.of("claims-samples", sample);
            List<ClaimLine> lines = new ArrayList<>();
            List<Reject> rejects = new ArrayList<>();
            new CsvClaimReader().read(csv, 0, ClaimSink.of(lines::add, rejects::add));
            assertEquals(List.of(), rejects, sample);
            assertClaimsAreWhole(sample, lines);
            Path x12 = dir.resolve(sample.replace(".csv", ".837"));
            // every other sample without line breaks between segments
            writeX12(x12, lines, x12Files.size() % 2 == 0);
            csvFiles.add(csv);
            x12Files.add(x12);
        }
    }

    /** Writes the lines as an 837 interchange: 837P for professional claims, 837I for institutional ones. */
    static void writeX12(Path file, List<ClaimLine> lines, boolean lineBreaks) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             X12Batch x12 = new X12Batch(out, lineBreaks)) {
            for (ClaimLine line : lines) {
                x12.add(line);
            }
        }
    }

    /** An 837 claim has one billing provider, patient, payer, type and bill type: so must the CSV's claims. */
    private static void assertClaimsAreWhole(String sample, List<ClaimLine> lines) {
        Map<String, ClaimLine> first = new LinkedHashMap<>();
        String previous = null;
        for (ClaimLine line : lines) {
            ClaimLine head = first.putIfAbsent(line.claimId(), line);
            assertTrue(head == null || line.claimId().equals(previous), sample + ": claim " + line.claimId()
                    + " is not in one run of lines");
            if (head != null) {
                assertTrue(Objects.equals(head.billingNpi(), line.billingNpi())
                        && head.patientId().equals(line.patientId()) && head.payerId().equals(line.payerId())
                        && head.claimType() == line.claimType() && head.typeOfBill().equals(line.typeOfBill()),
                        sample + ": claim " + line.claimId() + " mixes claim-level values");
            }
            previous = line.claimId();
        }
    }

    private static List<List<String>> findings(List<Path> inputs, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("scrub", "--quiet", "--fail-on", "none", "--min-severity", "notice", "--rules", "rules",
                "--out", out.toString()));
        inputs.forEach(p -> args.add(p.toString()));
        assertEquals(0, Main.run(args.toArray(String[]::new)), "scrub of " + inputs);
        try (CSVReader csv = new CSVReader(Files.newBufferedReader(out.resolve("findings.csv")))) {
            List<String[]> rows = csv.readAll();
            List<String> header = Arrays.asList(rows.get(0));
            int file = header.indexOf("input_file");
            int line = header.indexOf("input_line");
            List<List<String>> findings = new ArrayList<>();
            for (String[] row : rows.subList(1, rows.size())) {
                List<String> cells = new ArrayList<>(Arrays.asList(row));
                cells.remove(Math.max(file, line));
                cells.remove(Math.min(file, line));
                findings.add(cells);
            }
            assertTrue(findings.size() > 100, "findings: " + findings.size());
            // an 837 holds its professional claims first, then its institutional ones: compare regardless of order
            findings.sort(Comparator.comparing(List::toString));
            return findings;
        } catch (CsvException e) {
            throw new IOException(e);
        }
    }

    @Test
    void csvAnd837GiveTheSameFindings() throws IOException {
        List<List<String>> fromCsv = findings(csvFiles, dir.resolve("csv-report"));
        List<List<String>> from837 = findings(x12Files, dir.resolve("x12-report"));
        assertEquals(fromCsv, from837);
        assertEquals(Files.readString(dir.resolve("csv-report/summary.txt")).lines().filter(l -> !l.startsWith("Rules"))
                .toList(), Files.readString(dir.resolve("x12-report/summary.txt")).lines()
                .filter(l -> !l.startsWith("Rules")).toList());
    }

    @Test
    void aMixedBatchOfCsvAnd837IsOneBatch() throws IOException {
        List<Path> mixed = new ArrayList<>();
        for (int i = 0; i < SAMPLES.size(); i++) {
            mixed.add(i % 2 == 0 ? x12Files.get(i) : csvFiles.get(i));
        }
        List<List<String>> fromCsv = findings(csvFiles, dir.resolve("csv-only"));
        List<List<String>> fromMixed = findings(mixed, dir.resolve("mixed"));
        assertEquals(fromCsv, fromMixed);
    }
}
