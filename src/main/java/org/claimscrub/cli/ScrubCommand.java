package org.claimscrub.cli;

import org.claimscrub.concurrent.TaskFailure;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.FindingRuns;
import org.claimscrub.engine.MemoryBudget;
import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.RuleFailures;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;
import org.claimscrub.report.ClaimRuns;
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
import org.claimscrub.report.ReportFolder;
import org.claimscrub.report.ReportFolderException;
import org.claimscrub.report.RunManifest;
import org.claimscrub.report.ScrubSummary;
import org.claimscrub.report.SummaryHtml;
import org.claimscrub.spill.SpillFolder;
import org.claimscrub.pipeline.BatchRun;
import org.claimscrub.pipeline.FindingRows;
import org.claimscrub.pipeline.RulesSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** {@code claimscrub scrub}: read claim files, run the rules, write the findings report. */
@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = "Scrub claim line CSV files and write findings, rejects, summary.txt, summary.html and"
                + " run.json into the report folder; nothing appears there unless the run completes.")
final class ScrubCommand implements Callable<Integer> {
    /** Manifest timing: how long the scrub waited, input read, for the rules still compiling. */
    static final String COMPILE_WAIT = "compile_wait";
    static final String VERSION = "claimscrub 0.1.0";
    /** Every file a report may hold, in either format. */
    static final Set<String> REPORT_NAMES = Set.of("findings.csv", "findings.jsonl", "rejects.csv", "rejects.jsonl",
            "claims.csv", "claims.jsonl", "notices.csv", "notices.jsonl", "summary.txt", "summary.html",
            ReferenceFilesCsvWriter.FILE_NAME, "run.json");

    enum FailOn { ERROR, WARNING, NONE }

    /** Where the last run's rules came from (compiled or the cache), for the bench; null before it has them. */
    RuleBase.Origin rulesOrigin;

    enum Format { CSV, JSONL }

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Claim files: CSV (header row required) or"
            + " X12 837P/837I, told apart by their content.")
    List<Path> inputs;

    @Mixin
    ClaimInputOptions input;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "scrub-report",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules folder: every .drl under it, and reference tables in DIR/reference (default: ./rules).")
    Path rules;

    @Mixin
    RuleCacheOptions ruleCache;

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
            description = "Memory budget as a number of ordinary lines (~3 KB each; longer lines count for more)"
                    + " held before regrouping spills to disk.")
    Long memoryLines;

    @Option(names = "--memory-budget", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Heap the lines held before regrouping spills may take, e.g. 300m or 2g (default: a third"
                    + " of the maximum heap); each line counts by its size.")
    Long memoryBudget;

    @Option(names = "--rule-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long one rule session (about 2,000 lines of whole visits) may run; past it its visits"
                    + " get a SYSTEM finding and the batch goes on (e.g. 90s, 5m; default: 60s).")
    Duration ruleTimeout = Scrubber.DEFAULT_RULE_TIMEOUT;

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
            description = "CMS PFS relative value file (PPRRVU*.csv); repeatable. In force from the period in its name"
                    + " (PPRRVU25_JAN, PPRRVU2026_Jul_nonQPP) or @YYYY-MM-DD until the next file; a QPP / non-QPP"
                    + " pair of one period is checked to agree and the non-QPP file used. Its indicators drive the"
                    + " modifier edits, over rules/reference/fee-schedule.csv.")
    List<String> pfsFiles;

    @Override
    public Integer call() {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CsvReadOptions csvOptions = input.csvOptions();
        if (csvOptions == null) {
            return ExitCode.USAGE.code();
        }
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1 || memoryLines != null && memoryLines < 1) {
            System.err.println("claimscrub: --threads and --memory-lines must be positive");
            return ExitCode.USAGE.code();
        }
        if (memoryLines != null && memoryBudget != null) {
            System.err.println("claimscrub: give --memory-budget or --memory-lines, not both");
            return ExitCode.USAGE.code();
        }
        MemoryBudget budget = memoryBudget != null ? new MemoryBudget(memoryBudget)
                : memoryLines != null ? MemoryBudget.ofLines(memoryLines) : defaultBudget();
        Path rulesFolder = RulesFolder.resolve(rules);
        if (!Files.isDirectory(rulesFolder)) {
            String problem = Files.exists(rulesFolder) ? "the rules folder %s is a file, not a folder"
                    : "rules folder not found: %s";
            System.err.println("claimscrub: " + problem.formatted(ConsoleText.of(rulesFolder.toString()))
                    + "; nothing written");
            return ExitCode.RULES.code();
        }
        ReportFolder folder = new ReportFolder(out, REPORT_NAMES);
        // SIGTERM and SIGINT run this: the work files go, and a folder without a report is left as it was
        Thread cleanup = new Thread(() -> closeQuietly(folder), "claimscrub-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            try {
                folder.open();
            } catch (ReportFolderException e) {
                System.err.println("claimscrub: " + ConsoleText.of(e.getMessage()) + "; nothing written");
                return (e.busy() ? ExitCode.BUSY : ExitCode.OUTPUT).code();
            }
            if (folder.replacesFileByFile()) {
                System.err.println("claimscrub: " + ConsoleText.of(out.toString()) + " is on a file system without"
                        + " symbolic links: the report's files are replaced one by one, run.json last");
            }
            for (Path input : inputs) {
                if (folder.holds(input)) {
                    System.err.println("claimscrub: the input " + ConsoleText.of(input.toString()) + " is part of"
                            + " the report in " + ConsoleText.of(out.toString()) + ", which this run replaces: copy"
                            + " it elsewhere or give another --out; nothing written");
                    return ExitCode.USAGE.code();
                }
            }
            return scrub(console, folder, startedAt, started, workers, budget, rulesFolder, csvOptions);
        } catch (IOException e) {
            System.err.println("claimscrub: cannot use the report folder " + ConsoleText.of(out.toString()) + ": "
                    + ConsoleText.of(e.getMessage()));
            return ExitCode.OUTPUT.code();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook does the cleanup
            }
            try {
                folder.close();
            } catch (ReportFolderException e) {
                System.err.println("claimscrub: warning: " + ConsoleText.of(e.getMessage()));
            }
        }
    }

    private static void closeQuietly(ReportFolder folder) {
        try {
            folder.close();
        } catch (ReportFolderException e) {
            // the JVM is going down; the next run in this folder removes what is left
        }
    }

    private Integer scrub(PrintStream console, ReportFolder folder, Instant startedAt, long started, int workers,
                          MemoryBudget budget, Path rulesFolder, CsvReadOptions csvOptions) {
        // The rules compile on their own thread while the input is read: both take seconds, on different cores.
        // Not before the report folder is taken: a refused run would go on compiling and filling the rule cache.
        FutureTask<CompiledRules> compiling = new FutureTask<>(() -> {
            long compileStarted = System.nanoTime();
            RulesSetup.Rules loaded = RulesSetup.rules(ruleCache.loader(), rulesFolder, overrides);
            return new CompiledRules(loaded.ruleBase(), loaded.overrides(), System.nanoTime() - compileStarted);
        });
        Thread compiler = new Thread(compiling, "claimscrub-rules");
        compiler.setDaemon(true);
        compiler.start();
        ReferenceData reference;
        CmsTables cms;
        try {
            RulesSetup.Tables tables = RulesSetup.tables(rulesFolder,
                    new CmsTableLoader.Request(mueFiles, ptpFiles, aocFile, pfsFiles));
            cms = tables.cms();
            reference = tables.reference();
        } catch (ReferenceDataException e) {
            System.err.println("claimscrub: reference data problem, nothing written:\n"
                    + ConsoleText.of(e.getMessage()));
            return ExitCode.REFERENCE_DATA.code();
        }
        long loaded = System.nanoTime();

        SpillFolder work;
        try {
            work = folder.newWorkFolder();
        } catch (IOException e) {
            System.err.println("claimscrub: cannot create the work folder in " + ConsoleText.of(out.toString())
                    + ", nothing written: " + ConsoleText.of(e.getMessage()));
            return ExitCode.OUTPUT.code();
        }
        FindingsCsvWriter csv = new FindingsCsvWriter(formulaGuard);
        FindingsJsonlWriter jsonl = new FindingsJsonlWriter();
        FindingRuns.RowFormat row = format == Format.CSV ? FindingRows.csv(csv) : FindingRows.jsonl(jsonl);
        ClaimRuns.RowFormat claimRows = format == Format.CSV
                ? ClaimRuns.RowFormat.csv(new ClaimsCsvWriter(formulaGuard), csv)
                : ClaimRuns.RowFormat.jsonl(new ClaimsJsonlWriter(), jsonl);
        FindingsFilter filter = new FindingsFilter(minSeverity);
        try (Progress progress = Progress.start(quiet);
             BatchRun batch = new BatchRun(row, claimRows, filter, workers, budget, work, progress)) {
            try {
                batch.read(inputs, input.format, csvOptions);
            } catch (InputException e) {
                ExitCode rulesFailed = rulesFailure(compiling);
                if (rulesFailed != null) {
                    return rulesFailed.code();
                }
                System.err.println("claimscrub: cannot read input, nothing written: "
                        + ConsoleText.of(e.getMessage()));
                return ExitCode.INPUT.code();
            }
            long read = System.nanoTime();
            ExitCode rulesFailed = rulesFailure(compiling);
            if (rulesFailed != null) {
                return rulesFailed.code();
            }
            CompiledRules rules = compiling.get();
            RuleBase ruleBase = rules.ruleBase();
            rulesOrigin = ruleBase.origin();
            long rulesReady = System.nanoTime();
            Scrubber scrubber = new Scrubber(ruleBase, reference, cms, ruleTimeout);
            batch.scrub(scrubber, rules.overrides());
            long scrubbed = System.nanoTime();
            for (RuleFailures.Failure failure : scrubber.failures().all()) {
                System.err.println("claimscrub: " + failure.describe() + "; each of those visits has a SYSTEM"
                        + " finding (" + Scrubber.RULE_FAILED.editId() + ") instead of its edits");
            }
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
            try (ReportFiles report = folder.newReport()) {
                ClaimTotals[] claimTotals = new ClaimTotals[1];
                // the findings merge and the claim merge are independent: one on each core
                report.inParallel(() -> {
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
                }, () ->
                    // claims and notices come out of one pass over the claims, so the two files are written at once
                    report.writeBytes(outputs.get(2), claimsOut -> {
                        if (format == Format.CSV) {
                            claimsOut.write(new ClaimsCsvWriter(formulaGuard).header()
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                        if (filter.writesNotices()) {
                            report.writeBytes(outputs.get(3), noticesOut -> {
                                if (format == Format.CSV) {
                                    noticesOut.write(csv.header().getBytes(StandardCharsets.UTF_8));
                                }
                                claimTotals[0] = batch.writeClaims(claimsOut, noticesOut);
                            });
                        } else {
                            claimTotals[0] = batch.writeClaims(claimsOut, null);
                        }
                    }));
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
                // hashed once, so that the page and run.json name the same bytes even if a rule file is saved meanwhile
                List<FileDigest> ruleFiles = digests(ruleBase.files());
                SummaryHtml.Run run = new SummaryHtml.Run(batch.inputs(), ruleFiles, cms.files(),
                        startedAt, finishedAt, exit.code(), exit.name(), timings, outputs, filter);
                report.write("summary.html", w -> new SummaryHtml().write(w, summary, batch.tally(),
                        claimTotals[0], batch.rejects(), run));
                RunManifest manifest = new RunManifest(VERSION, startedAt, finishedAt, exit.code(), exit.name(),
                        new RunManifest.Options(workers, format.name().toLowerCase(), formulaGuard,
                                failOn.name().toLowerCase(), minSeverity.name().toLowerCase(), budget.bytes(),
                                batch.spilled()),
                        new RunManifest.Jvm(Runtime.version().toString(),
                                ManagementFactory.getRuntimeMXBean().getInputArguments()),
                        batch.inputs(), ruleFiles, referenceFiles(rulesFolder.resolve("reference")),
                        cms.files(), reference.size(), summary, timings, outputs.subList(0, outputs.size() - 1),
                        batch.inputNotes());
                report.write("run.json", w -> w.write(manifest.toJson()));
                report.commit();
                folder.commit();
            } catch (IOException | UncheckedIOException e) {
                System.err.println("claimscrub: cannot write the report to " + ConsoleText.of(out.toString())
                        + ", the previous report (if any) stays: " + ConsoleText.of(e.getMessage()));
                return ExitCode.OUTPUT.code();
            }
            printSummary(console, written, batch, ruleBase, cms, rules.compileNanos(),
                    System.nanoTime() - loaded, outputs);
            return exitCode.code();
        } catch (IOException | UncheckedIOException e) {
            System.err.println("claimscrub: cannot use the work folder " + ConsoleText.of(work.path().toString())
                    + ", nothing written: " + ConsoleText.of(e.getMessage()));
            return ExitCode.OUTPUT.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("claimscrub: interrupted, nothing written");
            return ExitCode.INTERNAL.code();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void printSummary(PrintStream console, ScrubSummary summary, BatchRun batch, RuleBase ruleBase,
                              CmsTables cms, long compileNanos, long runNanos, List<String> outputs)
            throws IOException {
        console.print(summary.render());
        batch.inputNotes().forEach(note -> console.println("  input: " + ConsoleText.of(note)));
        for (Reject reject : batch.firstRejects(10)) {
            console.println("  rejected " + ConsoleText.of(reject.describe()));
        }
        if (batch.rejectCount() > 10) {
            console.println("  ... and " + Plural.of(batch.rejectCount() - 10, "more rejected line") + " in "
                    + ConsoleText.of(out.resolve(outputs.get(1)).toString()));
        }
        console.printf("Rules:    %s from %s, %s in %.1f s; scrub and report %.1f s%n",
                Plural.of(ruleBase.edits().size(), "edit"), Plural.of(ruleBase.files().size(), "file"),
                ruleBase.origin() == RuleBase.Origin.CACHE ? "loaded from the rule cache" : "compiled",
                compileNanos / 1e9, runNanos / 1e9);
        cms.files().forEach(f -> console.printf("Table:    %s %s %s, %s, %,d rows, sha256 %s%n", f.kind(),
                f.setting().isEmpty() ? "-" : f.setting(), ConsoleText.of(f.file()), f.period(), f.rows(),
                f.sha256()));
        cms.notes().forEach(note -> console.println("Table:    note: " + ConsoleText.of(note)));
        console.println("Report:   " + String.join(", ", outputs.stream()
                .map(o -> ConsoleText.of(out.resolve(o).toString())).toList()));
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
            } else {
                throw TaskFailure.rethrow(cause);
            }
            return ExitCode.RULES;
        }
    }

    /** "90s", "5m", "1h", "500ms", or a number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?")
                    .matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration such as"
                        + " 90s, 5m, 1h or 500ms");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }

    /** "300m", "2g", "512k", or a number of bytes. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})\\s*([kmg]?)b?")
                    .matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive size such as"
                        + " 300m, 2g or 512k");
            }
            int shift = switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            return Long.parseLong(m.group(1)) << shift;
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** The memory budget from the maximum heap (see {@link MemoryBudget#fromHeap}). */
    static MemoryBudget defaultBudget() {
        return MemoryBudget.fromHeap(Runtime.getRuntime().maxMemory());
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
