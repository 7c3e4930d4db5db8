package org.claimscrub.cli;

import org.claimscrub.report.ReportFiles;
import org.claimscrub.spill.SpillFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code claimscrub rules diff}: what a rule change would do to a real batch before it ships. The batch is
 * scrubbed twice through the scrub command's own pipeline, with the current rules and with the candidate, and
 * the two findings files (both in report order) are compared as streams.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Scrub a batch with the current rules and with a candidate rules folder, and report the"
                + " findings added, removed and changed (severity, message, status), by edit, by claim and in"
                + " charges.",
            "Writes diff.csv (every difference), claims.csv (claims affected) and diff.html into --out; prints a"
                + " summary.",
            "Exit 0 when nothing changed, 1 when something did; 2 bad command line, 3 unreadable input, 4 rules"
                + " that do not compile (either folder), 5 reference tables, 6 output not written, 7 a rule threw"
                + " while scrubbing (the diff is written, but a SYSTEM finding stands for that visit's edits)."})
final class RulesDiffCommand implements Callable<Integer> {
    /** The two scrubs' reports (and a checked-out revision) sit in the output folder under this prefix while it runs. */
    private static final String WORK_PREFIX = ".claimscrub-diff-";

    static final String DETAIL_FILE = "diff.csv";
    static final String CLAIMS_FILE = "claims.csv";
    static final String HTML_FILE = "diff.html";
    private static final int CLAIMS_LISTED = 20;
    private static final int CLAIMS_ON_PAGE = 200;

    @Parameters(arity = "1..*", paramLabel = "INPUT.csv", description = "Claim line CSV files, as for scrub.")
    List<Path> inputs;

    @Option(names = "--candidate", paramLabel = "DIR",
            description = "The changed rules folder (a copy of the rules folder with the change made).")
    Path candidate;

    @Option(names = "--candidate-rev", paramLabel = "REV",
            description = "Instead of --candidate: the rules folder as committed at this git revision (a branch, tag"
                    + " or commit of the repository the rules folder is in); needs git and tar.")
    String candidateRev;

    @Option(names = "--rules", paramLabel = "DIR", description = "The current rules folder (default: ./rules).")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "rules-diff",
            description = "Folder for diff.csv, claims.csv and diff.html (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for each scrub (default: cores).")
    Integer threads;

    @Option(names = "--memory-lines", paramLabel = "N", description = "Regrouping budget, as for scrub.")
    Integer memoryLines;

    @Override
    public Integer call() throws IOException {
        PrintStream console = RulesCommand.console();
        Path current = RulesFolder.resolve(rules);
        if ((candidate == null) == (candidateRev == null)) {
            System.err.println("claimscrub: give the candidate rules as --candidate DIR or --candidate-rev REV (one)");
            return ExitCode.USAGE.code();
        }
        Files.createDirectories(out);
        Path checkout = null;
        if (candidateRev != null) {
            checkout = Files.createTempDirectory(out, WORK_PREFIX + "rev-");
            String failed = checkOut(current, candidateRev, checkout);
            if (failed != null) {
                SpillFolder.deleteTree(checkout);
                System.err.println("claimscrub: cannot read the rules folder at revision " + candidateRev + ": " + failed);
                return ExitCode.RULES.code();
            }
            candidate = checkout;
        }
        try {
            return diff(console, current);
        } finally {
            if (checkout != null) {
                SpillFolder.deleteTree(checkout);
            }
        }
    }

    /** The rules folder's tree at the revision, extracted into the folder; null, or what went wrong. */
    private static String checkOut(Path rulesFolder, String revision, Path into) throws IOException {
        Path tar = into.resolve("rules.tar");
        try {
            // git archive runs at the top of the work tree, naming the folder's tree by its path from there
            String[] where = run("git", "-C", rulesFolder.toString(), "rev-parse", "--show-toplevel",
                    "--show-prefix");
            if (where[0] != null) {
                return where[0];
            }
            String[] lines = where[1].split("\\R");
            String top = lines[0].strip();
            String prefix = lines.length > 1 ? lines[1].strip() : "";
            String[] archived = run("git", "-C", top, "archive", "--format=tar", "-o", tar.toAbsolutePath().toString(),
                    revision + ":" + prefix);
            if (archived[0] != null) {
                return archived[0];
            }
            Process untar = new ProcessBuilder("tar", "-xf", tar.toAbsolutePath().toString(), "-C",
                    into.toAbsolutePath().toString()).redirectErrorStream(true).start();
            String untarSaid = new String(untar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (untar.waitFor() != 0) {
                return untarSaid.isEmpty() ? "tar failed" : untarSaid;
            }
            Files.delete(tar);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** {error or null, output} of a command. */
    private static String[] run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            return new String[] {said.isEmpty() ? command[0] + " failed" : said, said};
        }
        return new String[] {null, said};
    }

    private int diff(PrintStream console, Path current) throws IOException {
        for (Path folder : List.of(current, candidate)) {
            if (!Files.isDirectory(folder)) {
                System.err.println("claimscrub: rules folder not found: " + folder);
                return ExitCode.RULES.code();
            }
        }
        try (var stale = Files.newDirectoryStream(out, WORK_PREFIX + "*")) {
            for (Path folder : stale) {
                if (!folder.equals(candidate)) {
                    SpillFolder.deleteTree(folder); // a killed diff's scrubs
                }
            }
        }
        Path work = Files.createTempDirectory(out, WORK_PREFIX);
        try {
            int before = scrub(current, work.resolve("current"));
            if (before != ExitCode.OK.code() && before != ExitCode.RULE_FAILED.code()) {
                System.err.println("claimscrub: the scrub with the current rules (" + current + ") failed; see above");
                return before;
            }
            int after = scrub(candidate, work.resolve("candidate"));
            if (after != ExitCode.OK.code() && after != ExitCode.RULE_FAILED.code()) {
                System.err.println("claimscrub: the scrub with the candidate rules (" + candidate + ") failed;"
                        + " see above");
                return after;
            }
            List<String> names = inputs.stream().map(Path::toString).toList();
            RulesDiff diff;
            try (ReportFiles files = new ReportFiles(out)) {
                RulesDiff[] made = new RulesDiff[1];
                Path claimsTemp = work.resolve(CLAIMS_FILE);
                try (Writer claims = Files.newBufferedWriter(claimsTemp, StandardCharsets.UTF_8)) {
                    files.write(DETAIL_FILE, detail -> {
                        try (RulesDiff d = new RulesDiff(names, detail, claims, CLAIMS_ON_PAGE)) {
                            d.compare(work.resolve("current/findings.csv"), work.resolve("candidate/findings.csv"));
                            made[0] = d;
                        }
                    });
                }
                diff = made[0];
                files.writeBytes(CLAIMS_FILE, o -> Files.copy(claimsTemp, o));
                String summary = summary(diff, current, names);
                files.write(HTML_FILE, w -> w.write(html(diff, current, names)));
                files.commit();
                console.print(summary);
                console.println("Detail:   " + out.resolve(DETAIL_FILE) + ", " + out.resolve(CLAIMS_FILE) + ", "
                        + out.resolve(HTML_FILE));
            } catch (IOException e) {
                System.err.println("claimscrub: cannot write the diff to " + out + ": " + e.getMessage());
                return ExitCode.OUTPUT.code();
            }
            if (before == ExitCode.RULE_FAILED.code() || after == ExitCode.RULE_FAILED.code()) {
                return ExitCode.RULE_FAILED.code();
            }
            return diff.changedAnything() ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
        } finally {
            SpillFolder.deleteTree(work);
        }
    }

    /** The work folder holds both scrubs' report folders: removed with everything in it. */
    /** One scrub as the scrub command runs it, its report in the folder and its console output discarded. */
    private int scrub(Path ruleFolder, Path report) {
        // every finding in one file, notices too: a change to a notice is a change
        List<String> args = new ArrayList<>(List.of("--quiet", "--fail-on", "none", "--no-formula-guard",
                "--min-severity", "notice", "--rules", ruleFolder.toString(), "--out", report.toString()));
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        if (memoryLines != null) {
            args.addAll(List.of("--memory-lines", memoryLines.toString()));
        }
        inputs.forEach(i -> args.add(i.toString()));
        CommandLine scrub = new CommandLine(new ScrubCommand());
        scrub.setCaseInsensitiveEnumValuesAllowed(true);
        scrub.setOut(new PrintWriter(OutputStream.nullOutputStream()));
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            return scrub.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
    }

    static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    private String summary(RulesDiff d, Path current, List<String> names) {
        StringBuilder s = new StringBuilder();
        s.append("Rules diff: ").append(current).append(" -> ")
                .append(candidateRev != null ? current + " at " + candidateRev : candidate).append(" on ")
                .append(String.join(", ", names)).append('\n');
        s.append(String.format(Locale.ROOT, "Findings: %,d with the current rules, %,d with the candidate: %,d added,"
                + " %,d removed, %,d changed%n", d.before, d.after, d.added, d.removed, d.changed));
        if (!d.changedAnything()) {
            s.append("No change: the candidate rules find exactly what the current ones do on this batch.\n");
            return s.toString();
        }
        s.append(String.format(Locale.ROOT, "Affected: %,d line(s) of %,d claim(s), charges %s%s%n",
                d.linesAffected, d.claimsAffected, money(d.chargesAffected),
                d.chargesKnown ? "" : " (some lines have no readable charge)"));
        s.append("By edit:\n");
        for (Map.Entry<String, RulesDiff.EditTally> e : d.byEdit.entrySet()) {
            RulesDiff.EditTally t = e.getValue();
            s.append(String.format(Locale.ROOT, "  %-12s %-32s %-8s %s  charges %s%n", e.getKey(), t.category,
                    t.severity, RulesDiff.describe(t.added, t.removed, t.changed), money(t.charges)));
        }
        List<String> listed = d.firstClaims.subList(0, (int) Math.min(CLAIMS_LISTED, d.firstClaims.size()));
        s.append("Claims:   ").append(String.join(", ", listed))
                .append(d.claimsAffected > listed.size() ? ", ... (" + d.claimsAffected + " in " + CLAIMS_FILE + ")"
                        : "").append('\n');
        return s.toString();
    }

    private String html(RulesDiff d, Path current, List<String> names) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>claimscrub rules diff</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:90em}")
                .append("table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left}")
                .append("th{background:#eee}td.n{text-align:right}\n</style>\n</head>\n<body>\n");
        h.append("<section id=\"rules-diff\">\n<h2>Rules diff</h2>\n<p>Current rules <code>").append(esc(current))
                .append("</code>, candidate <code>").append(esc(candidate)).append("</code>, batch <code>")
                .append(esc(String.join(", ", names))).append("</code>.</p>\n");
        h.append(String.format(Locale.ROOT, "<p>Findings: %,d with the current rules, %,d with the candidate: <b>%,d"
                + " added, %,d removed, %,d changed</b>, on %,d line(s) of %,d claim(s); charges on those lines %s."
                + "</p>%n", d.before, d.after, d.added, d.removed, d.changed, d.linesAffected, d.claimsAffected,
                money(d.chargesAffected)));
        if (d.changedAnything()) {
            h.append("<h3>By edit</h3>\n<table>\n<tr><th>Edit</th><th>Category</th><th>Severity</th><th>Added</th>")
                    .append("<th>Removed</th><th>Changed</th><th>Charges</th></tr>\n");
            d.byEdit.forEach((id, t) -> h.append("<tr><td>").append(esc(id)).append("</td><td>").append(esc(t.category))
                    .append("</td><td>").append(esc(t.severity)).append("</td><td class=\"n\">").append(t.added)
                    .append("</td><td class=\"n\">").append(t.removed).append("</td><td class=\"n\">").append(t.changed)
                    .append("</td><td class=\"n\">").append(money(t.charges)).append("</td></tr>\n"));
            h.append("</table>\n<h3>Claims affected</h3>\n<p>").append(esc(String.join(", ", d.firstClaims)))
                    .append(d.claimsAffected > d.firstClaims.size() ? " ... (all " + d.claimsAffected + " in "
                            + CLAIMS_FILE + ")" : "").append("</p>\n<p>Every difference: ").append(DETAIL_FILE)
                    .append(".</p>\n");
        }
        return h.append("</section>\n</body>\n</html>\n").toString();
    }

    private static String esc(Object text) {
        return text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
