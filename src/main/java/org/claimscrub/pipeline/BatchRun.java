package org.claimscrub.pipeline;

import org.claimscrub.concurrent.DaemonThreads;
import org.claimscrub.concurrent.TaskFailure;
import org.claimscrub.engine.FindingRuns;
import org.claimscrub.engine.MemoryBudget;
import org.claimscrub.engine.Regrouper;
import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.ClaimFileReader;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.DuplicateLineNumbers;
import org.claimscrub.reader.InputException;
import org.claimscrub.reader.InputFormat;
import org.claimscrub.report.BatchTally;
import org.claimscrub.report.ClaimPart;
import org.claimscrub.report.ClaimRuns;
import org.claimscrub.report.ClaimTotals;
import org.claimscrub.report.FindingsFilter;
import org.claimscrub.report.FileDigest;
import org.claimscrub.report.RejectLog;
import org.claimscrub.report.ScrubSummary;
import org.claimscrub.spill.SpillFolder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One batch from input files to scrubbed findings, in bounded memory: read and regroup (spilling past the
 * budget), then scrub partition by partition with sessions spread over a thread pool, collecting findings
 * as sorted runs and figures as a tally. Writing the report is the caller's.
 */
public final class BatchRun implements AutoCloseable {
    private final FindingRuns.RowFormat format;
    private final ClaimRuns.RowFormat claimFormat;
    private final int threads;
    private final MemoryBudget budget;
    private final SpillFolder workFolder;
    private final BatchProgress progress;
    private GroupScrub group;
    private final FindingsFilter filter;
    private final Map<String, ClaimRuns.Rejected> rejectedLinesByClaim = new HashMap<>();
    private final RejectLog rejects;
    /** Repeated line numbers, checked by claim id over the whole batch whether or not it spills. */
    private final DuplicateLineNumbers duplicates = new DuplicateLineNumbers();
    private final List<FileDigest> inputs = new ArrayList<>();
    private Regrouper regrouper;
    private CsvReadOptions csvOptions;
    private ClaimFileReader reader;
    private FindingRuns findings;
    private ClaimRuns claims;
    private BatchTally tally;
    private long linesRead;
    private long scrubbed;
    private boolean ruleFailed;

    /**
     * The rules come only with {@link #scrub}, so that reading can go on while they compile.
     *
     * @param format      how a finding becomes its report row, made on the worker threads
     * @param claimFormat how a claim becomes its claims and notices rows, made on the worker threads too
     * @param filter      which findings are findings rows; the others go to the claims' notices
     */
    public BatchRun(FindingRuns.RowFormat format, ClaimRuns.RowFormat claimFormat, FindingsFilter filter,
                    int threads, MemoryBudget budget, SpillFolder workFolder, BatchProgress progress) {
        this.format = format;
        this.claimFormat = claimFormat;
        this.filter = filter;
        this.threads = threads;
        this.budget = budget;
        this.workFolder = workFolder;
        this.progress = progress;
        this.rejects = new RejectLog(workFolder);
    }

    private void countRejectedLine(Reject reject) {
        ClaimRuns.countRejected(rejectedLinesByClaim, reject);
    }

    /** Reads every input (CSV or X12, as {@code format} says), regrouping its lines; records each file's SHA-256. */
    public void read(List<Path> files, InputFormat format, CsvReadOptions csvOptions) throws InputException, IOException {
        this.csvOptions = csvOptions;
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += sizeOf(file);
        }
        long bytesTotal = totalBytes;
        // bytes and records are both counted on this thread as the CSV is split; the regrouper asks on the
        // reader's second thread, which lags behind by a few thousand records
        AtomicLong bytesRead = new AtomicLong();
        ClaimFileReader reader = ClaimFileReader.withoutDuplicateCheck(format, csvOptions);
        this.reader = reader;
        LongSupplier expectedLines = () -> bytesRead.get() == 0 ? reader.recordsRead()
                : reader.recordsRead() * bytesTotal / bytesRead.get();
        regrouper = new Regrouper(budget, workFolder, expectedLines);
        progress.phase("reading ", totalBytes);
        ClaimSink sink = ClaimSink.settingAsideRepeats(duplicates, line -> {
            regrouper.add(line);
            if (regrouper.spilled() && !duplicates.deferred()) {
                duplicates.defer(workFolder, regrouper.partitionCount(), expectedLines.getAsLong());
            }
            progress.lines(++linesRead);
        }, reject -> {
            rejects.add(reject);
            countRejectedLine(reject);
            progress.lines(++linesRead);
        });
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            MessageDigest sha = FileDigest.newSha256();
            long[] fileBytes = {0};
            try (InputStream in = new DigestInputStream(new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        fileBytes[0] += n;
                        bytesRead.addAndGet(n);
                        progress.advance(n);
                    }
                    return n;
                }

                /** A pipe's channel cannot say (it fails with "Illegal seek"), and no reader needs to know. */
                @Override
                public int available() {
                    return 0;
                }
            }, sha)) {
                reader.read(in, file.toString(), i, sink);
            } catch (NoSuchFileException e) {
                throw new InputException(file + ": file not found");
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            inputs.add(new FileDigest(file.toString(), fileBytes[0], HexFormat.of().formatHex(sha.digest())));
        }
    }

    private static long sizeOf(Path file) throws InputException {
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a folder, not a claim file");
        }
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found");
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * Scrubs every partition; findings and figures are then ready for the report. Three partitions are in
     * flight at once, so the workers never wait on the main thread: the next one loads on a loader thread,
     * the current one's chunks run on the pool, and the previous one is tallied and filed on this thread.
     *
     * @param overrides applied to each chunk's findings as it is scrubbed
     */
    public void scrub(Scrubber scrubber, Overrides overrides) throws IOException, InterruptedException {
        this.group = new GroupScrub(scrubber, overrides, filter);
        List<Regrouper.Partition> partitions = regrouper.finish();
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("claimscrub-worker"));
        ExecutorService loader = Executors.newSingleThreadExecutor(DaemonThreads.named("claimscrub-loader"));
        try {
            // the first partition loads while a spilled batch's repeated line numbers are checked
            CompletableFuture<Set<SourceRef>> setAside = new CompletableFuture<>();
            Future<Prepared> next = partitions.isEmpty() ? null
                    : loader.submit(() -> prepare(partitions.get(0), setAside));
            DuplicateLineNumbers.Deferred repeated;
            try {
                repeated = duplicates.finish(threads);
            } catch (IOException | RuntimeException e) {
                setAside.completeExceptionally(e);
                throw e;
            }
            setAside.complete(repeated.setAside());
            rejects.addLate(repeated.rejects());
            repeated.rejects().forEach(this::countRejectedLine);
            findings = new FindingRuns(regrouper.spilled() ? workFolder : null, format);
            claims = new ClaimRuns(regrouper.spilled() ? workFolder : null, claimFormat);
            tally = new BatchTally();
            progress.phase("scrubbing", linesRead - rejects.size());
            Submitted previous = null;
            for (int p = 0; p < partitions.size(); p++) {
                Prepared prepared = next.get();
                if (p + 1 < partitions.size()) {
                    Regrouper.Partition following = partitions.get(p + 1);
                    next = loader.submit(() -> prepare(following, setAside));
                }
                Submitted current = submit(p, prepared, pool);
                if (previous != null) {
                    file(previous);
                }
                previous = current;
            }
            if (previous != null) {
                file(previous);
            }
        } catch (ExecutionException e) {
            throw TaskFailure.rethrow(e.getCause());
        } finally {
            pool.shutdownNow();
            loader.shutdownNow();
        }
    }

    /**
     * A partition ready to scrub: its lines without repeated line numbers, in session-sized chunks, and the
     * claims some of whose lines may be elsewhere: in another chunk, or in another partition.
     */
    private record Prepared(List<List<List<ClaimLine>>> chunks, Set<String> partlyElsewhere) {
    }

    private record Submitted(int partition, Prepared prepared, List<Future<ChunkResult>> chunks) {
    }

    /**
     * @param setAside the lines found repeating a line number once the batch was read (spilled batches only),
     *                 awaited once the partition is loaded
     */
    private Prepared prepare(Regrouper.Partition partition, Future<Set<SourceRef>> setAside)
            throws InterruptedException, ExecutionException {
        List<ClaimLine> lines = partition.load();
        Set<SourceRef> repeats = setAside.get();
        if (!repeats.isEmpty()) {
            lines.removeIf(line -> repeats.contains(line.source()));
        }
        List<List<List<ClaimLine>>> chunks = Scrubber.chunks(Scrubber.visits(lines), threads);
        // found here, on the loader, so that the workers ask one (mostly empty) set
        Map<String, Integer> chunkOf = new HashMap<>();
        Set<String> elsewhere = new HashSet<>();
        for (int c = 0; c < chunks.size(); c++) {
            for (List<ClaimLine> visit : chunks.get(c)) {
                for (ClaimLine line : visit) {
                    Integer was = chunkOf.putIfAbsent(line.claimId(), c);
                    if (was == null ? regrouper.maySplit(line.claimId()) : was != c) {
                        elsewhere.add(line.claimId());
                    }
                }
            }
        }
        return new Prepared(chunks, elsewhere);
    }

    private Submitted submit(int partition, Prepared prepared, ExecutorService pool) {
        Predicate<String> whole = ClaimRuns.whole(rejectedLinesByClaim, prepared.partlyElsewhere()::contains);
        List<Future<ChunkResult>> chunks = new ArrayList<>(prepared.chunks().size());
        for (List<List<ClaimLine>> chunk : prepared.chunks()) {
            chunks.add(pool.submit(() -> {
                GroupScrub.Scrubbed found = group.scrub(chunk);
                List<ClaimLine> lines = new ArrayList<>();
                chunk.forEach(lines::addAll);
                // every per-claim and per-row step runs here, on the workers, so the main thread only files
                tally.add(lines, found.findings());
                return new ChunkResult(found.findings(), findings.rows(found.reported()),
                        claims.chunk(ClaimPart.of(lines, found.findings(), filter), whole));
            }));
        }
        return new Submitted(partition, prepared, chunks);
    }

    /** Waits for a partition's chunks (tallied on the workers), then adds its rows to the finding and claim runs. */
    private void file(Submitted submitted) throws InterruptedException, ExecutionException, IOException {
        List<Finding> partitionFindings = new ArrayList<>();
        List<List<FindingRuns.Row>> partitionRows = new ArrayList<>();
        List<ClaimRuns.Chunk> partitionClaims = new ArrayList<>();
        for (int c = 0; c < submitted.chunks().size(); c++) {
            ChunkResult result = submitted.chunks().get(c).get();
            partitionFindings.addAll(result.findings());
            partitionRows.add(result.rows());
            partitionClaims.add(result.claims());
            // progress moves chunk by chunk: a batch that fits in memory is one partition
            long chunkLines = 0;
            for (List<ClaimLine> visit : submitted.prepared().chunks().get(c)) {
                chunkLines += visit.size();
            }
            scrubbed += chunkLines;
            progress.advance(chunkLines);
            progress.lines(scrubbed);
        }
        ruleFailed |= partitionFindings.stream().anyMatch(f -> f.category() == Category.SYSTEM);
        findings.add(submitted.partition(), partitionRows);
        claims.add(submitted.partition(), partitionClaims);
    }

    /** What the reader said of the inputs, for the console and run.json. */
    public List<String> inputNotes() {
        return reader == null ? List.of() : reader.notes();
    }

    /**
     * Writes every claim, whole, in claim id order: its row to {@code claimRows} (claims.csv) and its notices to
     * {@code noticeRows} (notices.csv; null when there is none); counts the claims.
     */
    public ClaimTotals writeClaims(OutputStream claimRows, OutputStream noticeRows) throws IOException {
        return claims.write(rejectedLinesByClaim, claimRows, noticeRows);
    }

    /** The summary, once {@link #writeClaims} has counted the claims. */
    public ScrubSummary summary(ClaimTotals claimTotals) {
        ScrubSummary summary = tally.summary(linesRead, rejects.size(), claimTotals);
        if (summary.linesScrubbed() + summary.linesRejected() != linesRead) {
            throw new IllegalStateException("counts do not reconcile: " + linesRead + " lines read, "
                    + summary.linesScrubbed() + " scrubbed + " + summary.linesRejected() + " rejected");
        }
        return summary;
    }

    /** Writes the findings' rows (UTF-8) in report order. */
    public void writeFindings(OutputStream out) throws IOException {
        findings.writeTo(out);
    }

    private record ChunkResult(List<Finding> findings, List<FindingRuns.Row> rows, ClaimRuns.Chunk claims) {
    }

    public Iterable<Reject> rejects() throws IOException {
        return rejects.all();
    }

    /** The first rejects in input order, for the console. */
    public List<Reject> firstRejects(int count) throws IOException {
        List<Reject> first = new ArrayList<>();
        for (Reject r : rejects.all()) {
            if (first.size() == count) {
                break;
            }
            first.add(r);
        }
        return first;
    }

    public long rejectCount() {
        return rejects.size();
    }

    public BatchTally tally() {
        return tally;
    }

    public List<FileDigest> inputs() {
        return inputs;
    }

    public boolean spilled() {
        return regrouper != null && regrouper.spilled();
    }

    /** Whether a rule threw on some visit (which then carries a SYSTEM finding). */
    public boolean ruleFailed() {
        return ruleFailed;
    }

    /** Deletes every spill file and the work folder. */
    @Override
    public void close() throws IOException {
        try (rejects; FindingRuns f = findings; ClaimRuns c = claims; Regrouper r = regrouper;
             DuplicateLineNumbers d = duplicates) {
            // closing is all
        } finally {
            workFolder.close();
        }
    }
}
