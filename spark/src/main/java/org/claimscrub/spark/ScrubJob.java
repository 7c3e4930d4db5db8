package org.claimscrub.spark;

import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.ICSVParser;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputException;
import org.claimscrub.reader.InputFormat;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.RejectsCsvWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * claimscrub's scrub as a Spark job: the same readers, rules, tables and engine as {@code claimscrub scrub}, so
 * its findings and rejects are the CLI's. Three stages: read each file whole in one task; repartition by claim id
 * and set aside repeated line numbers; repartition by visit and scrub each partition in sessions. Writes
 * findings/ and rejects/ (Parquet, or CSV with the CLI's cells) and run.json with the run's counts.
 * See docs/spark.md.
 */
@Command(name = "claimscrub-spark", mixinStandardHelpOptions = true,
        description = "Scrub claim files on Spark; writes findings/, rejects/ and run.json under --out.")
public final class ScrubJob implements Callable<Integer> {
    static final String VERSION = "claimscrub-spark 0.1.0";

    enum Output { PARQUET, CSV }

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Claim files (CSV or X12 837), local paths or any Hadoop file system URI (hdfs://, s3a://).")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (replaced).")
    String out;

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules",
            description = "Rules folder on the driver, shipped to the executors as text (default: ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "PARQUET",
            description = "findings and rejects as ${COMPLETION-CANDIDATES} (default: parquet).")
    Output output;

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "AUTO",
            description = "Read every input as ${COMPLETION-CANDIDATES} (default: auto).")
    InputFormat inputFormat;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8", description = "CSV input encoding.")
    String encoding;

    @Option(names = "--column", paramLabel = "FIELD=HEADER", description = "Column mapping, as the CLI's.")
    List<String> columns;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the claim and visit stages (default: twice the default parallelism).")
    Integer partitions;

    @Option(names = "--min-severity", paramLabel = "LEVEL", defaultValue = "WARNING",
            description = "Findings at or above it are findings rows (default: warning), as the CLI's.")
    Severity minSeverity;

    @Option(names = "--formula-guard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Neutralise spreadsheet formulas in CSV output (default: on; Parquet holds the values).")
    boolean formulaGuard;

    @Option(names = "--overrides", paramLabel = "FILE", description = "Overrides file (default: RULES/overrides.csv).")
    Path overrides;

    @Option(names = "--mue", paramLabel = "FILE[@DATE]", description = "CMS MUE table; repeatable.")
    List<String> mue;

    @Option(names = "--ptp", paramLabel = "FILE[@DATE]", description = "CMS PTP table file; repeatable.")
    List<String> ptp;

    @Option(names = "--aoc", paramLabel = "FILE[@DATE]", description = "CMS add-on code edit file.")
    String aoc;

    @Option(names = "--pfs", paramLabel = "FILE[@DATE]", description = "CMS PFS relative value file; repeatable.")
    List<String> pfs;

    @Option(names = "--rule-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long one rule session may run, in seconds (default: 60).")
    long ruleTimeoutSeconds;

    /** The counts of one run, reconciled: lines read = scrubbed + rejected. */
    record Counts(long linesRead, long linesScrubbed, long linesRejected, long findings, long findingsRows,
                  Map<Severity, Long> rowsBySeverity, boolean ruleFailed) implements Serializable {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScrubJob()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession.Builder builder = SparkSession.builder().appName("claimscrub");
        if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        try (SparkSession spark = builder.getOrCreate()) {
            Counts counts = run(spark);
            System.out.printf("Lines:    %,d read = %,d scrubbed + %,d rejected%n", counts.linesRead(),
                    counts.linesScrubbed(), counts.linesRejected());
            System.out.printf("Findings: %,d rows (%s)%n", counts.findingsRows(), counts.rowsBySeverity());
            System.out.println("Output:   " + out + "/findings, " + out + "/rejects, " + out + "/run.json");
            return counts.ruleFailed() ? 7 : 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("claimscrub-spark: " + e.getMessage() + "; nothing written");
            return 2;
        } catch (RuntimeException e) {
            // a task's failure arrives wrapped in Spark's exceptions: say what the core said, without the trace
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InputException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InputException) {
                System.err.println("claimscrub-spark: cannot read input: " + cause.getMessage());
                return 3;
            }
            throw e;
        }
    }

    /** Runs the job on the session; returns the reconciled counts once findings, rejects and run.json are written. */
    Counts run(SparkSession spark) throws IOException {
        Instant startedAt = Instant.now();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = partitions != null ? partitions : 2 * sc.defaultParallelism();
        if (n < 1) {
            throw new IllegalArgumentException("--partitions must be positive");
        }
        ReadStage.Options readOptions = new ReadStage.Options(inputFormat,
                java.nio.charset.Charset.forName(encoding).name(),
                CsvReadOptions.parseColumns(columns == null ? List.of() : columns));
        ShippedSetup setup = ShippedSetup.read(rules, overrides, new CmsTableLoader.Request(mue, ptp, aoc, pfs),
                minSeverity, Duration.ofSeconds(ruleTimeoutSeconds));
        // loaded on the driver first, so a rule or table problem stops the job before any task starts
        try {
            setup.loaded();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Broadcast<ShippedSetup> shipped = sc.broadcast(setup);
        boolean csvGuard = output == Output.CSV && formulaGuard;

        List<Tuple2<Integer, String>> files = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            files.add(new Tuple2<>(i, inputs.get(i)));
        }
        JavaRDD<ReadStage.Item> read = sc.parallelize(files, files.size())
                .flatMap(f -> ReadStage.read(f._1(), f._2(), readOptions).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<ReadStage.FileRead> fileReads = new ArrayList<>(read.filter(i -> i.kind() == ReadStage.Kind.FILE)
                .map(ReadStage.Item::file).collect());
        fileReads.sort(Comparator.comparingInt(ReadStage.FileRead::index));

        JavaRDD<ReadStage.Item> checked = read.filter(i -> i.kind() == ReadStage.Kind.LINE)
                .mapToPair(i -> new Tuple2<>(new ClaimPosition(i.key(), i.position()), i.bytes()))
                .repartitionAndSortWithinPartitions(new ByClaim(n), ClaimPosition.ORDER)
                .mapPartitions(lines -> ScrubStage.setAsideRepeats(new Values(lines)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());

        JavaRDD<ScrubStage.Scrubbed> scrubbed = checked.filter(i -> i.kind() == ReadStage.Kind.LINE)
                .mapToPair(i -> new Tuple2<>(i.key(), i.bytes()))
                .partitionBy(new HashPartitioner(n))
                .mapPartitions(visits -> List.of(ScrubStage.scrub(new Values(visits), shipped.value(), csvGuard))
                        .iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());

        JavaRDD<Reject> rejects = read.filter(i -> i.kind() == ReadStage.Kind.REJECT)
                .union(checked.filter(i -> i.kind() == ReadStage.Kind.REJECT))
                .sortBy(ReadStage.Item::position, true, n)
                .map(i -> LineCodec.reject(i.bytes()));

        write(spark, scrubbed.flatMap(s -> s.rows().iterator()), FindingsCsvWriter.HEADER, out + "/findings");
        write(spark, rejects.map(r -> ScrubStage.rejectRow(r, csvGuard)), RejectsCsvWriter.HEADER,
                out + "/rejects");

        long linesRead = 0;
        for (ReadStage.FileRead f : fileReads) {
            linesRead += f.lines() + f.rejects();
        }
        List<ScrubStage.Scrubbed> tallies = scrubbed.map(s -> new ScrubStage.Scrubbed(List.of(), s.lines(),
                s.rowsBySeverity(), s.findings(), s.ruleFailed())).collect();
        long linesScrubbed = 0;
        long findings = 0;
        long rows = 0;
        boolean ruleFailed = false;
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (ScrubStage.Scrubbed t : tallies) {
            linesScrubbed += t.lines();
            findings += t.findings();
            ruleFailed |= t.ruleFailed();
            t.rowsBySeverity().forEach((s, c) -> bySeverity.merge(s, c, Long::sum));
        }
        for (long c : bySeverity.values()) {
            rows += c;
        }
        long linesRejected = rejects.count();
        if (linesScrubbed + linesRejected != linesRead) {
            throw new IllegalStateException("counts do not reconcile: " + linesRead + " lines read, "
                    + linesScrubbed + " scrubbed + " + linesRejected + " rejected");
        }
        Counts counts = new Counts(linesRead, linesScrubbed, linesRejected, findings, rows, bySeverity, ruleFailed);
        writeManifest(new JobManifest(VERSION, startedAt, Instant.now(), spark.sparkContext().master(), n,
                output.name().toLowerCase(), formulaGuard, minSeverity, fileReads, setup, counts).toJson());
        read.unpersist();
        checked.unpersist();
        scrubbed.unpersist();
        return counts;
    }

    /** Rows made by the core's CSV writers: as text (each part file starting with the header), or Parquet cells. */
    private void write(SparkSession spark, JavaRDD<String> rows, String[] header, String folder) {
        if (output == Output.CSV) {
            String headerLine = String.join(",", header);
            JavaRDD<String> lines = rows.mapPartitions(part -> {
                List<String> withHeader = new ArrayList<>();
                withHeader.add(headerLine);
                part.forEachRemaining(row -> withHeader.add(row.substring(0, row.length() - 1)));
                return withHeader.iterator();
            });
            spark.createDataset(lines.rdd(), Encoders.STRING()).write().mode(SaveMode.Overwrite).text(folder);
            return;
        }
        StructField[] fields = Arrays.stream(header)
                .map(name -> DataTypes.createStructField(name, DataTypes.StringType, false))
                .toArray(StructField[]::new);
        JavaRDD<Row> cells = rows.mapPartitions(part -> {
            ICSVParser parser = new RFC4180ParserBuilder().build();
            List<Row> parsed = new ArrayList<>();
            while (part.hasNext()) {
                String row = part.next();
                parsed.add(RowFactory.create((Object[]) parser.parseLine(row.substring(0, row.length() - 1))));
            }
            return parsed.iterator();
        });
        spark.createDataFrame(cells, new StructType(fields)).write().mode(SaveMode.Overwrite).parquet(folder);
    }

    private void writeManifest(String json) throws IOException {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(out, "run.json");
        FileSystem fs = FileSystem.get(URI.create(out), new Configuration());
        try (FSDataOutputStream stream = fs.create(file, true)) {
            stream.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The stage-two key: lines of a claim together, in input order. */
    record ClaimPosition(String claimId, long position) implements Serializable {
        static final Comparator<ClaimPosition> ORDER = (Comparator<ClaimPosition> & Serializable)
                (a, b) -> {
                    int c = a.claimId().compareTo(b.claimId());
                    return c != 0 ? c : Long.compare(a.position(), b.position());
                };
    }

    /** Partitions by claim id alone, so a claim's lines meet in one task whatever their position. */
    static final class ByClaim extends Partitioner {
        private final int partitions;

        ByClaim(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return Math.floorMod(((ClaimPosition) key).claimId().hashCode(), partitions);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ByClaim b && b.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /** The values of a pair iterator. */
    private record Values<K>(Iterator<Tuple2<K, byte[]>> pairs) implements Iterator<byte[]> {
        @Override
        public boolean hasNext() {
            return pairs.hasNext();
        }

        @Override
        public byte[] next() {
            return pairs.next()._2();
        }
    }
}
