package org.claimscrub.spark;

import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.ICSVParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.claimscrub.bench.SyntheticBatch;
import org.claimscrub.cli.Main;
import org.claimscrub.engine.DrlRules;
import org.claimscrub.reader.InputException;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.RejectsCsvWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test: the Spark job (local[2]) and {@code claimscrub scrub} give the same findings and
 * rejects, byte for byte once sorted, on the sample batch, a 200k-line synthetic batch, the visit and repeated
 * line number edge cases, and an X12 837 input. Runs from the project root (surefire's working directory).
 */
class ScrubJobTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("claimscrub-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sampleBatchGivesTheCliFindingsAndRejects() throws Exception {
        ScrubJob.Counts counts = sameAsCli(List.of("claims-samples/lab-week.csv"));
        assertTrue(counts.findingsRows() > 0, "the sample batch has findings");
        String manifest = Files.readString(tmp.resolve("spark/run.json"));
        assertTrue(manifest.contains("\"lines_read\": " + counts.linesRead()), manifest);
        assertTrue(manifest.contains("\"sha256\": "), manifest);
    }

    @Test
    void syntheticBatchOf200kLinesGivesTheCliFindings() throws Exception {
        Path batch = tmp.resolve("synthetic-200k.csv");
        SyntheticBatch.write(batch, 200_000, DrlRules.primaries(Path.of("rules")));
        ScrubJob.Counts counts = sameAsCli(List.of(batch.toString()));
        assertTrue(counts.linesRead() >= 200_000);
    }

    @Test
    void visitsAndRepeatedLineNumbersAreGroupedAsInTheCli() throws Exception {
        String header = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,patient_id,"
                + "billing_npi,rendering_npi,claim_type,type_of_bill,place_of_service,charge,diagnosis_codes\n";
        // one visit over two claims (same patient, provider, date); lines without a patient or billing NPI stay
        // in their claim; claim EDGE-3 spans both files and repeats line 1 in the second
        Path first = Files.writeString(tmp.resolve("visits-first.csv"), header
                + "EDGE-1,1,2025-03-10,88305,,1,PT-A,1234567893,1234567893,professional,,11,80.00,C44.311\n"
                + "EDGE-2,1,2025-03-10,88341,,1,PT-A,1234567893,1234567893,professional,,11,60.00,C44.311\n"
                + "EDGE-4,1,2025-03-10,88341,,1,,1234567893,1234567893,professional,,11,60.00,C44.311\n"
                + "EDGE-5,1,2025-03-10,88305,,1,,1234567893,1234567893,professional,,11,80.00,C44.311\n"
                + "EDGE-6,1,2025-03-10,88305,,1,PT-B,,1234567893,professional,,11,80.00,C44.311\n"
                + "EDGE-6,2,2025-03-10,88341,,1,PT-B,,1234567893,professional,,11,60.00,C44.311\n"
                + "EDGE-3,1,2025-03-11,88305,,1,PT-C,1234567893,1234567893,professional,,11,80.00,C44.311\n");
        Path second = Files.writeString(tmp.resolve("visits-second.csv"), header
                + "EDGE-3,1,2025-03-11,88341,,1,PT-C,1234567893,1234567893,professional,,11,60.00,C44.311\n"
                + "EDGE-3,2,2025-03-11,88341,,1,PT-C,1234567893,1234567893,professional,,11,60.00,C44.311\n"
                + "EDGE-7,x,2025-03-11,88341,,1,PT-C,1234567893,1234567893,professional,,11,60.00,C44.311\n");
        ScrubJob.Counts counts = sameAsCli(List.of(first.toString(), second.toString()));
        assertEquals(10, counts.linesRead());
        assertEquals(2, counts.linesRejected(), "the repeated line 1 of EDGE-3 and the bad line number");
    }

    @Test
    void x12InputGivesTheCliFindings() throws Exception {
        ScrubJob.Counts counts = sameAsCli(List.of("claims-samples/lab-monday.837"));
        assertTrue(counts.linesScrubbed() > 0);
    }

    @Test
    void parquetHoldsTheCellsOfTheCliRows() throws Exception {
        Path cli = tmp.resolve("cli");
        assertTrue(Main.run("scrub", "--quiet", "--fail-on", "none", "--no-formula-guard", "--out", cli.toString(),
                "claims-samples/lab-week.csv") == 0);
        ScrubJob job = job(tmp.resolve("parquet"), "parquet", "claims-samples/lab-week.csv");
        job.run(spark);
        assertEquals(cells(cli.resolve("findings.csv")),
                parquet(tmp.resolve("parquet/findings").toString(), FindingsCsvWriter.HEADER));
        assertEquals(cells(cli.resolve("rejects.csv")),
                parquet(tmp.resolve("parquet/rejects").toString(), RejectsCsvWriter.HEADER));
    }

    @Test
    void aMissingInputStopsTheJobNamingTheFile() {
        ScrubJob job = job(tmp.resolve("missing"), "csv", "claims-samples/no-such-file.csv");
        Exception e = assertThrows(Exception.class, () -> job.run(spark));
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof InputException)) {
            cause = cause.getCause();
        }
        assertEquals("claims-samples/no-such-file.csv: file not found", cause.getMessage());
        assertFalse(Files.exists(tmp.resolve("missing/run.json")));
    }

    /** Runs both front ends on the inputs; asserts their sorted findings and rejects rows are equal. */
    private ScrubJob.Counts sameAsCli(List<String> inputs) throws IOException {
        Path cli = tmp.resolve("cli");
        List<String> args = new ArrayList<>(List.of("scrub", "--quiet", "--fail-on", "none", "--out",
                cli.toString()));
        args.addAll(inputs);
        long cliStarted = System.nanoTime();
        assertEquals(0, Main.run(args.toArray(String[]::new)), "the CLI run completes");
        long cliNanos = System.nanoTime() - cliStarted;
        ScrubJob job = job(tmp.resolve("spark"), "csv", inputs.toArray(String[]::new));
        long sparkStarted = System.nanoTime();
        ScrubJob.Counts counts = job.run(spark);
        long sparkNanos = System.nanoTime() - sparkStarted;
        System.out.printf("%s: %,d lines; CLI %.1f s (%,.0f lines/s), Spark local[2] %.1f s (%,.0f lines/s)%n",
                inputs, counts.linesRead(), cliNanos / 1e9, counts.linesRead() / (cliNanos / 1e9),
                sparkNanos / 1e9, counts.linesRead() / (sparkNanos / 1e9));
        assertEquals(sortedRows(Files.readString(cli.resolve("findings.csv")), FindingsCsvWriter.HEADER),
                sortedRows(parts(tmp.resolve("spark/findings")), FindingsCsvWriter.HEADER));
        assertEquals(sortedRows(Files.readString(cli.resolve("rejects.csv")), RejectsCsvWriter.HEADER),
                sortedRows(parts(tmp.resolve("spark/rejects")), RejectsCsvWriter.HEADER));
        assertEquals(counts.linesRead(), counts.linesScrubbed() + counts.linesRejected());
        String summary = Files.readString(cli.resolve("summary.txt"));
        assertTrue(summary.contains(String.format("%,d read = %,d scrubbed + %,d rejected", counts.linesRead(),
                counts.linesScrubbed(), counts.linesRejected())), summary);
        return counts;
    }

    private static ScrubJob job(Path out, String format, String... inputs) {
        ScrubJob job = new ScrubJob();
        new CommandLine(job).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(Stream.concat(
                Stream.of("--out", out.toString(), "--output-format", format, "--partitions", "3"),
                Arrays.stream(inputs)).toArray(String[]::new));
        return job;
    }

    private static String parts(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                all.append(Files.readString(part, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** The text's lines without the header lines (one per part file), sorted. */
    private static List<String> sortedRows(String text, String[] header) {
        String headerLine = String.join(",", header);
        List<String> rows = new ArrayList<>(text.lines().filter(l -> !l.equals(headerLine)).sorted().toList());
        return rows;
    }

    private static List<List<String>> cells(Path csv) throws IOException {
        ICSVParser parser = new RFC4180ParserBuilder().build();
        List<List<String>> rows = new ArrayList<>();
        try (com.opencsv.CSVReader reader = new com.opencsv.CSVReaderBuilder(Files.newBufferedReader(csv))
                .withCSVParser(parser).withSkipLines(1).build()) {
            for (String[] row : reader) {
                rows.add(List.of(row));
            }
        }
        rows.sort((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        return rows;
    }

    private static List<List<String>> parquet(String folder, String[] header) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : spark.read().parquet(folder).collectAsList()) {
            assertEquals(List.of(header), List.of(row.schema().fieldNames()));
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(row.getString(i));
            }
            rows.add(cells);
        }
        rows.sort((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        return rows;
    }
}
