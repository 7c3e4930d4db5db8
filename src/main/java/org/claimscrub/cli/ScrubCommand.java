package org.claimscrub.cli;

import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.RuleProblem;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.ReferenceFilesCsvWriter;
import org.claimscrub.report.RejectsCsvWriter;
import org.claimscrub.report.ReportFiles;
import org.claimscrub.report.ScrubSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code claimscrub scrub}: read claim files, run the rules, write the findings report. */
@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = "Scrub claim line CSV files and write findings.csv, rejects.csv and summary.txt.")
final class ScrubCommand implements Callable<Integer> {

    enum FailOn { ERROR, WARNING, NONE }

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
        long started = System.nanoTime();
        Path rulesFolder = RulesFolder.resolve(rules);
        ReferenceData reference;
        RuleBase ruleBase;
        Overrides overrideTable;
        CmsTables cms;
        try {
            cms = new CmsTableLoader().load(new CmsTableLoader.Request(mueFiles, ptpFiles, aocFile, pfsFile));
            reference = cms.applyTo(new ReferenceDataLoader().load(rulesFolder.resolve("reference")));
            ruleBase = new RuleLoader().load(rulesFolder);
            overrideTable = OverridesFile.load(overrides, rulesFolder, ruleBase);
        } catch (OverridesException e) {
            System.err.println("claimscrub: overrides problem, nothing written:\n" + e.getMessage());
            return ExitCode.RULES.code();
        } catch (ReferenceDataException e) {
            System.err.println("claimscrub: reference data problem, nothing written:\n" + e.getMessage());
            return ExitCode.REFERENCE_DATA.code();
        } catch (RuleCompilationException e) {
            System.err.println("claimscrub: the rules do not compile, nothing written ("
                    + e.problems().size() + " problem(s)):");
            e.problems().forEach(p -> System.err.println(p));
            return ExitCode.RULES.code();
        } catch (IOException e) {
            System.err.println("claimscrub: cannot read the rules: " + e.getMessage());
            return ExitCode.RULES.code();
        }
        long compiled = System.nanoTime();

        List<ClaimLine> lines = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        long linesRead = 0;
        try {
            CsvClaimReader reader = new CsvClaimReader();
            ClaimSink sink = ClaimSink.of(lines::add, rejects::add);
            for (int i = 0; i < inputs.size(); i++) {
                linesRead += reader.read(inputs.get(i), i, sink);
            }
        } catch (InputException e) {
            System.err.println("claimscrub: cannot read input, nothing written: " + e.getMessage());
            return ExitCode.INPUT.code();
        }

        List<Finding> findings = overrideTable.apply(new Scrubber(ruleBase, reference, cms).scrub(lines));
        ScrubSummary summary = ScrubSummary.of(lines, rejects, findings);
        if (summary.linesRead() != linesRead) {
            throw new IllegalStateException("counts do not reconcile: " + linesRead + " lines read, "
                    + summary.linesScrubbed() + " scrubbed + " + summary.linesRejected() + " rejected");
        }
        try (ReportFiles report = new ReportFiles(out)) {
            report.write("findings.csv", w -> new FindingsCsvWriter(true).write(findings, w));
            report.write("rejects.csv", w -> new RejectsCsvWriter(true).write(rejects, w));
            report.write("summary.txt", w -> w.write(summary.render()));
            report.write(ReferenceFilesCsvWriter.FILE_NAME, w -> new ReferenceFilesCsvWriter().write(cms.files(), w));
            report.commit();
        } catch (IOException e) {
            System.err.println("claimscrub: cannot write the report to " + out + ": " + e.getMessage());
            return ExitCode.OUTPUT.code();
        }
        long finished = System.nanoTime();

        console.print(summary.render());
        for (Reject reject : rejects.subList(0, Math.min(rejects.size(), 10))) {
            console.println("  rejected " + reject.describe());
        }
        if (rejects.size() > 10) {
            console.println("  ... and " + (rejects.size() - 10) + " more rejected lines in rejects.csv");
        }
        console.printf("Rules:    %d edits from %d files, compiled in %.1f s; scrub and report %.1f s%n",
                ruleBase.edits().size(), ruleBase.files().size(), (compiled - started) / 1e9,
                (finished - compiled) / 1e9);
        cms.files().forEach(f -> console.printf("Table:    %s %s %s, %s, %,d rows, sha256 %s%n", f.kind(),
                f.setting().isEmpty() ? "-" : f.setting(), f.file(), f.period(), f.rows(), f.sha256()));
        console.println("Report:   " + out.resolve("findings.csv") + ", " + out.resolve("rejects.csv") + ", "
                + out.resolve("summary.txt") + ", " + out.resolve(ReferenceFilesCsvWriter.FILE_NAME));
        return exitCode(summary).code();
    }

    private ExitCode exitCode(ScrubSummary summary) {
        boolean failed = switch (failOn) {
            case ERROR -> summary.count(Severity.ERROR) > 0 || summary.linesRejected() > 0;
            case WARNING -> summary.count(Severity.ERROR) + summary.count(Severity.WARNING) > 0
                    || summary.linesRejected() > 0;
            case NONE -> false;
        };
        return failed ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
