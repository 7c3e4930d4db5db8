package org.claimscrub.cli;

import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.FindingRuns;
import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;
import org.claimscrub.report.ClaimPart;
import org.claimscrub.report.ClaimTotals;
import org.claimscrub.report.ClaimsCsvWriter;
import org.claimscrub.report.ClaimsJsonlWriter;
import org.claimscrub.report.FileDigest;
import org.claimscrub.report.FindingsFilter;
import org.claimscrub.report.Plural;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.FindingsJsonlWriter;
import org.claimscrub.report.ReferenceFilesCsvWriter;
import org.claimscrub.report.RejectsCsvWriter;
import org.claimscrub.report.RejectsJsonlWriter;
import org.claimscrub.report.ReportFiles;
import org.claimscrub.report.RunManifest;
import org.claimscrub.report.ScrubSummary;
import org.claimscrub.report.SummaryHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/** {@code claimscrub scrub}: read claim files, run the rules, write the findings report. */
@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = "Scrub claim line CSV files and write findings, rejects, summary.txt, summary.html and"
                + " run.json into the report folder; nothing appears there unless the run completes.")
final class ScrubCommand implements Callable<Integer> {
    /** Manifest timing: how long the scrub waited, input read, for the rules still compiling. */
    static final String COMPILE_WAIT = "compile_wait";
    static final String VERSION = "claimscrub 0.1.0";
    /** Heap a line costs while its partition is scrubbed (line, facts, session, findings), measured generously. */
    static final long BYTES_PER_LINE = 3_000;

    enum FailOn { ERROR, WARNING, NONE }

    enum Format { CSV, JSONL }

    @Parameters(arity = "1..*", paramLabel = "INPUT.csv", description = "Claim line CSV files (header row required).")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "scrub-report",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules folder: every .drl under it, and reference tables in DIR/reference (default: ./rules).")
    Path rules;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "ERROR",
            description = "Exit 1 when findings reach this severity: ${COMPLETION-CANDIDATES} (default: error)."
                    + " Rejected lines count as errors.")
    FailOn failOn;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "CSV",
            description = "Claims, findings, notices and rejects as ${COMPLETION-CANDIDATES} (default: csv).")
    Format format;

    @Option(names = "--min-severity", paramLabel = "LEVEL", defaultValue = "WARNING",
            description = "Findings at or above this severity are rows of the findings file, one per line; the rest,"
                    + " and bypassed findings, go to the notices file, one row per claim, edit and message:"
                    + " ${COMPLETION-CANDIDATES} (default: warning; notice puts every finding in the findings file).")
    Severity minSeverity;

    @Option(names = "--formula-guard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Neutralise CSV cells a spreadsheet would run as a formula (default: on;"
                    + " --no-formula-guard for machine readers).")
    boolean formulaGuard;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--memory-lines", paramLabel = "N",
            description = "Lines held in memory before regrouping spills to disk (default: from the maximum heap).")
    Integer memoryLines;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or progress log lines.")
    boolean quiet;

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "Payer/provider overrides that bypass edits or change their severity"
                    + " (default: RULES/overrides.csv when present; see rules/README.md).")
    Path overrides;

    @Option(names = "--mue", paramLabel = "FILE[@DATE]",
            description = "CMS MUE table (practitioner, outpatient hospital or DME CSV); repeatable. In force from the"
                    + " date in its name (_Eff_MM-DD-YYYY) or @YYYY-MM-DD until the next file of its setting.")
    List<String> mueFiles;

    @Option(names = "--ptp", paramLabel = "FILE[@DATE]",
            description = "CMS NCCI PTP table file (ccipra-* or ccioph-*, tab-separated); repeatable: give f1..f4.")
    List<String> ptpFiles;

    @Option(names = "--aoc", paramLabel = "FILE[@DATE]",
            description = "CMS NCCI add-on code edit file (fixed-width text).")
    String aocFile;

    @Option(names = "--pfs", paramLabel = "FILE[@DATE]",
            description = "CMS PFS relative value file (PPRRVU*.csv); its indicators drive the modifier edits and"
                    + " take precedence over rules/reference/fee-schedule.csv for the dates it covers.")
    String pfsFile;

    @Override
    public Integer call() {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1 || memoryLines != null && memoryLines < 1) {
            System.err.println("claimscrub: --threads and --memory-lines must be positive");
            return ExitCode.USAGE.code();
        }
        int budget = memoryLines != null ? memoryLines : defaultMemoryLines();
        Path rulesFolder = RulesFolder.resolve(rules);
        // The rules compile on their own thread while the input is read: both take seconds, on different cores.
        FutureTask<CompiledRules> compiling = new FutureTask<>(() -> {
            long compileStarted = System.nanoTime();
            RuleBase ruleBase = new RuleLoader().load(rulesFolder);
            Overrides overrideTable = OverridesFile.load(overrides, rulesFolder, ruleBase);
            return new CompiledRules(ruleBase, overrideTable, System.nanoTime() - compileStarted);
        });
        Thread compiler = new Thread(compiling, "claimscrub-rules");
        compiler.setDaemon(true);
        compiler.start();
        ReferenceData reference;
        CmsTables cms;
        try {
            cms = new CmsTableLoader().load(new CmsTableLoader.Request(mueFiles, ptpFiles, aocFile, pfsFile));
            reference = cms.applyTo(new ReferenceDataLoader().load(rulesFolder.resolve("reference")));
        } catch (ReferenceDataException e) {
            System.err.println("claimscrub: reference data problem, nothing written:\n" + e.getMessage());
            return ExitCode.REFERENCE_DATA.code();
        }
        long loaded = System.nanoTime();

        boolean outExisted = Files.exists(out);
        Path work;
        try {
            Files.createDirectories(out);
            BatchRun.removeStaleWorkFolders(out);
            work = Files.createTempDirectory(out, BatchRun.WORK_PREFIX);
        } catch (IOException e) {
            System.err.println("claimscrub: cannot create the report folder " + out + ": " + e.getMessage());
            return ExitCode.OUTPUT.code();
        }
        Thread cleanup = new Thread(() -> {
            try {
                BatchRun.deleteFolder(work);
            } catch (IOException e) {
                // the JVM is going down; the next run in this folder removes what is left
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        FindingsCsvWriter csv = new FindingsCsvWriter(formulaGuard);
        FindingsJsonlWriter jsonl = new FindingsJsonlWriter();
        FindingRuns.RowFormat row = format == Format.CSV
                ? new FindingRuns.RowFormat(csv::head, csv::shared, csv::tail)
                : new FindingRuns.RowFormat(jsonl::head, jsonl::shared, jsonl::tail);
        FindingsFilter filter = new FindingsFilter(minSeverity);
        try (Progress progress = Progress.start(quiet);
             BatchRun batch = new BatchRun(row, filter, workers, budget, work, progress)) {
            try {
                batch.read(inputs);
            } catch (InputException e) {
                ExitCode rulesFailed = rulesFailure(compiling);
                if (rulesFailed != null) {
                    return rulesFailed.code();
                }
                System.err.println("claimscrub: cannot read input, nothing written: " + e.getMessage());
                return ExitCode.INPUT.code();
            }
            long read = System.nanoTime();
            ExitCode rulesFailed = rulesFailure(compiling);
            if (rulesFailed != null) {
                return rulesFailed.code();
            }
            CompiledRules rules = compiling.get();
            RuleBase ruleBase = rules.ruleBase();
            long rulesReady = System.nanoTime();
            batch.scrub(new Scrubber(ruleBase, reference, cms), rules.overrides());
            long scrubbed = System.nanoTime();
            progress.close();

            Map<String, Long> timings = new LinkedHashMap<>();
            timings.put("compile_rules", millis(rules.compileNanos()));
            timings.put("read_and_regroup", millis(read - loaded));
            timings.put(COMPILE_WAIT, millis(rulesReady - read));
            timings.put("scrub", millis(scrubbed - rulesReady));
            String ext = format == Format.CSV ? ".csv" : ".jsonl";
            List<String> outputs = new ArrayList<>(List.of("findings" + ext, "rejects" + ext, "claims" + ext));
            if (filter.writesNotices()) {
                outputs.add("notices" + ext);
            }
            outputs.addAll(List.of("summary.txt", "summary.html", ReferenceFilesCsvWriter.FILE_NAME, "run.json"));
            ScrubSummary written;
            ExitCode exitCode;
            try (ReportFiles report = new ReportFiles(out)) {
                report.writeBytes(outputs.get(0), w -> {
                    if (format == Format.CSV) {
                        w.write(csv.header().getBytes(StandardCharsets.UTF_8));
                    }
                    batch.writeFindings(w);
                });
                report.write(outputs.get(1), w -> {
                    if (format == Format.CSV) {
                        new RejectsCsvWriter(formulaGuard).write(batch.rejects(), w);
                    } else {
                        new RejectsJsonlWriter().write(batch.rejects(), w);
                    }
                });
                ClaimTotals[] claimTotals = new ClaimTotals[1];
                // claims and notices come out of one pass over the claims, so the two files are written at once
                report.write(outputs.get(2), claimsOut -> {
                    ClaimsCsvWriter claimsCsv = new ClaimsCsvWriter(formulaGuard);
                    ClaimsJsonlWriter claimsJsonl = new ClaimsJsonlWriter();
                    if (format == Format.CSV) {
                        claimsOut.write(claimsCsv.header());
                    }
                    ReportFiles.Content withNotices = noticesOut -> {
                        if (noticesOut != null && format == Format.CSV) {
                            noticesOut.write(csv.header());
                        }
                        claimTotals[0] = batch.writeClaims(claim -> {
                            claimsOut.write(format == Format.CSV ? claimsCsv.row(claim) : claimsJsonl.row(claim));
                            if (noticesOut != null) {
                                for (ClaimPart.NoticeGroup g : claim.noticeGroups()) {
                                    noticesOut.write(format == Format.CSV ? csv.notice(claim.claimId(), g)
                                            : jsonl.notice(claim.claimId(), g));
                                }
                            }
                        });
                    };
                    if (filter.writesNotices()) {
                        report.write(outputs.get(3), withNotices);
                    } else {
                        withNotices.writeTo(null);
                    }
                });
                ScrubSummary summary = batch.summary(claimTotals[0]);
                ExitCode exit = exitCode(summary, batch.ruleFailed());
                written = summary;
                exitCode = exit;
                report.write("summary.txt", w -> w.write(summary.render()));
                report.write(ReferenceFilesCsvWriter.FILE_NAME,
                        w -> new ReferenceFilesCsvWriter().write(cms.files(), w));
                Instant finishedAt = Instant.now();
                timings.put("write_report", millis(System.nanoTime() - scrubbed));
                timings.put("total", millis(System.nanoTime() - started));
                SummaryHtml.Run run = new SummaryHtml.Run(batch.inputs(), digests(ruleBase.files()), cms.files(),
                        startedAt, finishedAt, exit.code(), exit.name(), timings, outputs, filter);
                report.write("summary.html", w -> new SummaryHtml().write(w, summary, batch.tally(),
                        claimTotals[0], batch.rejects(), run));
                RunManifest manifest = new RunManifest(VERSION, startedAt, finishedAt, exit.code(), exit.name(),
                        new RunManifest.Options(workers, format.name().toLowerCase(), formulaGuard,
                                failOn.name().toLowerCase(), minSeverity.name().toLowerCase(), budget,
                                batch.spilled()),
                        batch.inputs(), digests(ruleBase.files()), referenceFiles(rulesFolder.resolve("reference")),
                        cms.files(), reference.size(), summary, timings, outputs.subList(0, outputs.size() - 1));
                report.write("run.json", w -> w.write(manifest.toJson()));
                report.commit();
            } catch (IOException | UncheckedIOException e) {
                System.err.println("claimscrub: cannot write the report to " + out + ": " + e.getMessage());
                return ExitCode.OUTPUT.code();
            }
            printSummary(console, written, batch, ruleBase, cms, rules.compileNanos(),
                    System.nanoTime() - loaded, outputs);
            return exitCode.code();
        } catch (IOException | UncheckedIOException e) {
            System.err.println("claimscrub: cannot use the work folder " + work + ", nothing written: "
                    + e.getMessage());
            return ExitCode.OUTPUT.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("claimscrub: interrupted, nothing written");
            return ExitCode.INTERNAL.code();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook does the cleanup
            }
            removeIfLeftEmpty(outExisted);
        }
    }

    private void printSummary(PrintStream console, ScrubSummary summary, BatchRun batch, RuleBase ruleBase,
                              CmsTables cms, long compileNanos, long runNanos, List<String> outputs)
            throws IOException {
        console.print(summary.render());
        for (Reject reject : batch.firstRejects(10)) {
            console.println("  rejected " + reject.describe());
        }
        if (batch.rejectCount() > 10) {
            console.println("  ... and " + Plural.of(batch.rejectCount() - 10, "more rejected line") + " in "
                    + outputs.get(1));
        }
        console.printf("Rules:    %s from %s, compiled in %.1f s; scrub and report %.1f s%n",
                Plural.of(ruleBase.edits().size(), "edit"), Plural.of(ruleBase.files().size(), "file"),
                compileNanos / 1e9, runNanos / 1e9);
        cms.files().forEach(f -> console.printf("Table:    %s %s %s, %s, %,d rows, sha256 %s%n", f.kind(),
                f.setting().isEmpty() ? "-" : f.setting(), f.file(), f.period(), f.rows(), f.sha256()));
        console.println("Report:   " + String.join(", ", outputs.stream().map(o -> out.resolve(o).toString())
                .toList()));
    }

    /** The rule base and overrides, and how long they took to compile. */
    private record CompiledRules(RuleBase ruleBase, Overrides overrides, long compileNanos) {
    }

    /** Waits for the rules; prints why they cannot be used and returns the exit code, or null when they can. */
    private static ExitCode rulesFailure(FutureTask<CompiledRules> compiling) throws InterruptedException {
        try {
            compiling.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OverridesException o) {
                System.err.println("claimscrub: overrides problem, nothing written:\n" + o.getMessage());
            } else if (cause instanceof RuleCompilationException r) {
                System.err.println("claimscrub: the rules do not compile, nothing written ("
                        + r.problems().size() + " problem(s)):");
                r.problems().forEach(p -> System.err.println(p));
            } else if (cause instanceof IOException io) {
                System.err.println("claimscrub: cannot read the rules: " + io.getMessage());
            } else if (cause instanceof RuntimeException re) {
                throw re;
            } else if (cause instanceof Error error) {
                throw error;
            } else {
                throw new IllegalStateException(cause);
            }
            return ExitCode.RULES;
        }
    }

    /** A run that wrote nothing leaves no report folder behind that it created itself. */
    private void removeIfLeftEmpty(boolean outExisted) {
        if (outExisted) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(out);
            }
        } catch (IOException e) {
            // nothing was written into it; an empty folder left behind is harmless
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * A third of the heap for the lines read before regrouping spills; partitions are sized to it and up to
     * three are in flight while scrubbing. The rest is for the rule base, sessions, findings and buffers.
     */
    static int defaultMemoryLines() {
        long lines = Runtime.getRuntime().maxMemory() / 3 / BYTES_PER_LINE;
        return (int) Math.max(10_000, Math.min(Integer.MAX_VALUE, lines));
    }

    private static List<FileDigest> digests(List<Path> files) throws IOException {
        List<FileDigest> out = new ArrayList<>();
        for (Path file : files) {
            out.add(FileDigest.of(file));
        }
        return out;
    }

    private static List<FileDigest> referenceFiles(Path folder) throws IOException {
        return digests(List.of(folder.resolve(ReferenceDataLoader.CODES), folder.resolve(ReferenceDataLoader.FEE_SCHEDULE),
                folder.resolve(ReferenceDataLoader.OPPS_STATUS)));
    }

    private ExitCode exitCode(ScrubSummary summary, boolean ruleFailed) {
        if (ruleFailed) {
            return ExitCode.RULE_FAILED;
        }
        boolean failed = switch (failOn) {
            case ERROR -> summary.count(Severity.ERROR) > 0 || summary.linesRejected() > 0;
            case WARNING -> summary.count(Severity.ERROR) + summary.count(Severity.WARNING) > 0
                    || summary.linesRejected() > 0;
            case NONE -> false;
        };
        return failed ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
