package org.claimscrub.report;

import org.claimscrub.model.ReferenceFile;
import org.claimscrub.model.Reject;
import org.claimscrub.model.Severity;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * summary.html: one self-contained page (inline CSS, SVG and script; no network, so it opens from a shared drive
 * offline) that answers the analyst's question first: how many claims need fixing, how many dollars are at
 * risk. Then the worklist of claims to fix, worst first, each with its problems; findings and dollars by edit,
 * family, billing provider and payer; rejected lines by reason; run details last. Tables sort (click a heading)
 * and filter (the box above them); a link may carry {@code #filter=TEXT} and {@code #sort=TABLE:COLUMN:asc|desc}.
 * Rows embedded are capped, so the page of a 10-million-line batch stays small; the page says so and points to
 * the CSV. Claim ids appear; patient ids never do.
 */
public final class SummaryHtml {
    /** Rejected lines listed on the page (all are counted by reason). */
    public static final int REJECTS = 50;
    /** Rows of the provider and payer tables. */
    static final int FIGURE_ROWS = 100;
    /** Bars of the by-edit chart. */
    static final int EDIT_BARS = 15;
    /**
     * English names, spelled here rather than asked of a DateTimeFormatter: its text lookup loads the JDK's locale
     * data, about 20 ms of a short run's half second, for two dozen words.
     */
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /** What the run read and how it went: the page's last section. */
    public record Run(List<FileDigest> inputs, List<FileDigest> rules, List<ReferenceFile> cmsTables,
                      Instant started, Instant finished, int exitCode, String exitName, Map<String, Long> timingsMs,
                      List<String> outputs, FindingsFilter filter) {
    }

    /**
     * @param rejects every rejected line, streamed once: counted by field and reason, the first
     *                {@link #REJECTS} listed
     */
    public void write(Writer out, ScrubSummary summary, BatchTally tally, ClaimTotals claims,
                      Iterable<Reject> rejects, Run run) throws IOException {
        StringBuilder h = new StringBuilder(65_536);
        String findingsFile = run.outputs().get(0);
        String claimsFile = run.outputs().get(2);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>claimscrub: ").append(esc(headline(summary))).append("</title>\n<style>")
                .append(STYLE).append("</style>\n</head><body>\n");
        h.append("<p class=meta>claimscrub scrub of ").append(esc(inputNames(run.inputs()))).append(", finished ")
                .append(when(run.finished())).append("</p>\n");
        h.append("<h1 id=answer>").append(esc(headline(summary))).append("</h1>\n");
        h.append("<p class=lead>").append(num(summary.linesRead())).append(" lines read: ")
                .append(num(summary.linesScrubbed())).append(" scrubbed, ").append(num(summary.linesRejected()))
                .append(" rejected. ").append(Amounts.dollars(summary.dollars().billed())).append(" billed; ")
                .append(Amounts.dollars(summary.dollars().atRisk())).append(" at risk on ")
                .append(esc(Plural.of(summary.dollars().linesAtRisk(), "line"))).append(" with errors.</p>\n");
        h.append("<ul class=tiles>");
        tile(h, "fix", summary.claimsToFix(), "to fix", "errors or rejected lines: fix before submission");
        tile(h, "review", summary.claims(Disposition.REVIEW), "to review", "warnings only");
        tile(h, "ready", summary.claims(Disposition.READY), "ready", "no error or warning");
        tile(h, "ERROR", summary.count(Severity.ERROR), Plural.of(summary.count(Severity.ERROR), "error")
                .replaceFirst("^[\\d,]+ ", ""), "in " + findingsFile);
        tile(h, "WARNING", summary.count(Severity.WARNING), Plural.of(summary.count(Severity.WARNING), "warning")
                .replaceFirst("^[\\d,]+ ", ""), "in " + findingsFile);
        tile(h, "NOTICE", summary.count(Severity.NOTICE), Plural.of(summary.count(Severity.NOTICE), "notice")
                .replaceFirst("^[\\d,]+ ", ""), run.filter().writesNotices() ? "in " + run.outputs().get(3)
                : "in " + findingsFile);
        h.append("</ul>\n");

        worklist(h, summary, claims, claimsFile);
        edits(h, summary, tally);
        figures(h, "providers", "Dollars by billing provider", "Billing NPI", summary.byProvider(), claimsFile);
        figures(h, "payers", "Dollars by payer", "Payer", summary.byPayer(), claimsFile);
        rejects(h, summary, rejects, run.outputs().get(1));
        details(h, summary, run);
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        out.write(h.toString());
    }

    /** "11 of 112 claims need fixing before submission, $2,345.00 at risk; 3 need review; 98 ready". */
    static String headline(ScrubSummary s) {
        long claims = s.claims();
        String fix = s.claimsToFix() == 0 ? "No claim of " + Plural.of(claims, "claim").replaceFirst(" claims?$", "")
                + " needs fixing before submission"
                : String.format("%,d of %s %s fixing before submission", s.claimsToFix(), Plural.of(claims, "claim"),
                s.claimsToFix() == 1 ? "needs" : "need");
        return fix + ", " + Amounts.dollars(s.dollars().atRisk()) + " at risk; "
                + String.format("%,d", s.claims(Disposition.REVIEW)) + (s.claims(Disposition.REVIEW) == 1
                ? " needs" : " need") + " review; " + String.format("%,d", s.claims(Disposition.READY)) + " ready";
    }

    private static void tile(StringBuilder h, String kind, long n, String label, String detail) {
        h.append("<li class=\"tile ").append(kind).append("\"><b>").append(num(n)).append("</b> ")
                .append(esc(label)).append("<small>").append(esc(detail)).append("</small></li>");
    }

    private static void worklist(StringBuilder h, ScrubSummary summary, ClaimTotals claims, String claimsFile) {
        List<ClaimPart> worst = claims.worklist();
        long open = summary.claimsToFix() + summary.claims(Disposition.REVIEW);
        h.append("<section id=worklist-section><h2>Claims to fix, then to review</h2>\n");
        if (worst.isEmpty()) {
            h.append("<p>Every claim is ready: no error, warning or rejected line.</p></section>\n");
            return;
        }
        h.append("<p>Worst first: by errors, then dollars at risk. ");
        if (worst.size() < open) {
            h.append("<strong class=cap>This page shows the worst ").append(num(worst.size())).append(" of ")
                    .append(num(open)).append(" claims to fix or review; every claim is in ")
                    .append(esc(claimsFile)).append(".</strong>");
        } else {
            h.append("All ").append(num(open)).append(" are here, and every claim is in ").append(esc(claimsFile))
                    .append('.');
        }
        h.append("</p>\n");
        filterBox(h, "worklist");
        h.append("<table id=worklist class=sortable><thead><tr><th>Claim</th><th>Disposition</th>")
                .append("<th>Billing NPI</th><th>Payer</th><th>Dates of service</th><th class=n>Lines</th>")
                .append("<th class=n>Billed</th><th class=n>At risk</th><th class=n>Errors</th>")
                .append("<th class=n>Warnings</th><th>Lines and messages</th></tr></thead><tbody>\n");
        for (ClaimPart c : worst) {
            h.append("<tr class=").append(c.disposition().label()).append("><td>").append(esc(c.claimId()))
                    .append("</td><td><span class=\"badge ").append(c.disposition().label()).append("\">")
                    .append(c.disposition().label()).append("</span></td><td>").append(esc(c.billingNpi()))
                    .append("</td><td>").append(esc(c.payerId())).append("</td><td data-v=\"")
                    .append(c.firstDate() == null ? "" : c.firstDate()).append("\">").append(dates(c))
                    .append("</td>");
            numCell(h, c.lines() + c.rejectedLines());
            moneyCell(h, c.billed());
            moneyCell(h, c.atRisk());
            numCell(h, c.errors() + c.rejectedLines());
            numCell(h, c.warnings());
            h.append("<td><ul class=issues>");
            if (c.rejectedLines() > 0) {
                h.append("<li><span class=\"sev ERROR\">REJECTED</span> ").append(esc(c.firstFix()));
                if (c.rejectedLines() > 1) {
                    h.append(" (").append(esc(Plural.of(c.rejectedLines(), "rejected line"))).append(" in all)");
                }
                h.append("</li>");
            }
            for (ClaimPart.Issue i : c.issues()) {
                h.append("<li><span class=\"sev ").append(i.severity()).append("\">").append(i.severity())
                        .append("</span> line ").append(i.lineNumber()).append(' ').append(esc(i.code()))
                        .append(i.charge() == null ? "" : " (" + Amounts.dollars(i.charge()) + ")").append(", <code>")
                        .append(esc(i.editId())).append("</code>: ").append(esc(i.message())).append("</li>");
            }
            long more = c.errors() + c.warnings() - c.issues().size();
            if (more > 0) {
                h.append("<li>... and ").append(esc(Plural.of(more, "more finding")))
                        .append(" in the findings file</li>");
            }
            h.append("</ul></td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static String dates(ClaimPart c) {
        if (c.firstDate() == null) {
            return "";
        }
        return c.firstDate().equals(c.lastDate()) ? day(c.firstDate())
                : day(c.firstDate()) + " to " + day(c.lastDate());
    }

    /** "1 Dec 2026". */
    static String day(LocalDate date) {
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            // an 837 date may have any four-digit year: the JDK pads it ("0999") and counts years of the era
            return DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US).format(date);
        }
        return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1].substring(0, 3) + " " + date.getYear();
    }

    /** "Tuesday 1 December 2026, 19:30:00 UTC". */
    static String when(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return DAYS[t.getDayOfWeek().ordinal()] + " " + t.getDayOfMonth() + " " + MONTHS[t.getMonthValue() - 1] + " "
                + t.getYear() + ", " + twoDigits(t.getHour()) + ":" + twoDigits(t.getMinute()) + ":"
                + twoDigits(t.getSecond()) + " UTC";
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static void edits(StringBuilder h, ScrubSummary summary, BatchTally tally) {
        h.append("<section id=edits-section><h2>Findings by edit</h2>\n");
        if (summary.byEdit().isEmpty()) {
            h.append("<p>No finding.</p></section>\n");
            return;
        }
        List<ScrubSummary.Figure> bySeverity = new ArrayList<>(summary.byEdit());
        bySeverity.sort((a, b) -> a.severity() != b.severity() ? a.severity().compareTo(b.severity())
                : a.findings() != b.findings() ? Long.compare(b.findings(), a.findings()) : a.key().compareTo(b.key()));
        // what to fix: notices (often one per add-on line) would dwarf the errors on one scale
        List<ScrubSummary.Figure> charted = bySeverity.stream().filter(f -> f.severity() != Severity.NOTICE).toList();
        boolean toFix = !charted.isEmpty();
        charted = toFix ? charted : bySeverity;
        h.append("<div class=charts><figure><figcaption>").append(toFix ? "Errors and warnings" : "Notices")
                .append(" by edit (").append(charted.size() > EDIT_BARS ? "top " + EDIT_BARS + " of " : "all ")
                .append(num(charted.size())).append(')').append("</figcaption>");
        List<Bar> bars = new ArrayList<>();
        for (ScrubSummary.Figure f : charted.subList(0, Math.min(EDIT_BARS, charted.size()))) {
            bars.add(new Bar(f.key(), f.findings(), f.severity().name()));
        }
        chart(h, bars);
        h.append("</figure><figure><figcaption>Findings by family (rule file)</figcaption>");
        List<Bar> families = new ArrayList<>();
        Map<String, Long> byFamily = new TreeMap<>();
        tally.byRuleFile().forEach((file, n) -> byFamily.merge(family(file), n, Long::sum));
        byFamily.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> families.add(new Bar(e.getKey(), e.getValue(), "family")));
        chart(h, families);
        h.append("</figure></div>\n");
        filterBox(h, "edits");
        h.append("<table id=edits class=sortable><thead><tr><th>Edit</th><th>Severity</th><th class=n>Findings</th>")
                .append("<th class=n>Billed on its lines</th><th class=n>At risk</th></tr></thead><tbody>\n");
        for (ScrubSummary.Figure f : bySeverity) {
            h.append("<tr><td><code>").append(esc(f.key())).append("</code></td><td data-v=")
                    .append(f.severity().ordinal()).append("><span class=\"sev ").append(f.severity()).append("\">")
                    .append(f.severity()).append("</span></td>");
            numCell(h, f.findings());
            moneyCell(h, f.amounts().billed());
            moneyCell(h, f.amounts().atRisk());
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    /** "families/surgical-pathology.drl" is "Surgical pathology"; a policy file says so. */
    static String family(String ruleFile) {
        if (ruleFile.startsWith("(")) {
            return "Engine";
        }
        String name = ruleFile.substring(ruleFile.lastIndexOf('/') + 1).replaceFirst("\\.drl$", "")
                .replace('-', ' ').replace('_', ' ');
        String human = name.isEmpty() ? ruleFile : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return ruleFile.startsWith("policy/") ? human + " (policy)" : human;
    }

    private static void figures(StringBuilder h, String id, String title, String keyName,
                                List<ScrubSummary.Figure> figures, String claimsFile) {
        if (figures.isEmpty() || figures.size() == 1 && figures.get(0).key().isEmpty()) {
            return;
        }
        h.append("<section id=").append(id).append("-section><h2>").append(title).append("</h2>\n");
        if (figures.size() > FIGURE_ROWS) {
            h.append("<p class=cap>The ").append(FIGURE_ROWS).append(" with the most at risk of ")
                    .append(num(figures.size())).append("; run.json has them all, ").append(esc(claimsFile))
                    .append(" every claim.</p>\n");
        }
        filterBox(h, id);
        h.append("<table id=").append(id).append(" class=sortable><thead><tr><th>").append(keyName)
                .append("</th><th class=n>Lines</th><th class=n>Billed</th><th class=n>Lines with errors</th>")
                .append("<th class=n>At risk</th></tr></thead><tbody>\n");
        for (ScrubSummary.Figure f : figures.subList(0, Math.min(FIGURE_ROWS, figures.size()))) {
            h.append("<tr><td>").append(f.key().isEmpty() ? "<i>(none given)</i>" : esc(f.key())).append("</td>");
            numCell(h, f.amounts().lines());
            moneyCell(h, f.amounts().billed());
            numCell(h, f.amounts().linesAtRisk());
            moneyCell(h, f.amounts().atRisk());
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void rejects(StringBuilder h, ScrubSummary summary, Iterable<Reject> rejects, String file) {
        h.append("<section id=rejects-section><h2>Rejected lines</h2>\n");
        if (summary.linesRejected() == 0) {
            h.append("<p>No line was rejected: every line could be read.</p></section>\n");
            return;
        }
        Map<String, Long> byReason = new TreeMap<>();
        List<Reject> first = new ArrayList<>();
        for (Reject r : rejects) {
            byReason.merge(r.field().isEmpty() ? "(the row itself)" : r.field(), 1L, Long::sum);
            if (first.size() < REJECTS) {
                first.add(r);
            }
        }
        h.append("<p>").append(esc(Plural.of(summary.linesRejected(), "line"))).append(" could not be read and")
                .append(" were not scrubbed; correct them and scrub again. By the column at fault:</p>\n")
                .append("<table id=reject-reasons class=sortable><thead><tr><th>Column</th><th class=n>Lines</th>")
                .append("</tr></thead><tbody>\n");
        byReason.forEach((field, n) -> {
            h.append("<tr><td>").append(esc(field)).append("</td>");
            numCell(h, n);
            h.append("</tr>\n");
        });
        h.append("</tbody></table>\n<p>");
        h.append(first.size() < summary.linesRejected() ? "<span class=cap>The first " + first.size() + " of "
                + num(summary.linesRejected()) + "; all are in " + esc(file) + ".</span>" : "All of them:")
                .append("</p>\n");
        filterBox(h, "rejects");
        h.append("<table id=rejects class=sortable><thead><tr><th>File</th><th class=n>Line</th><th>Claim</th>")
                .append("<th>Column</th><th>Reason</th></tr></thead><tbody>\n");
        for (Reject r : first) {
            h.append("<tr><td>").append(esc(r.source().file())).append("</td>");
            numCell(h, r.source().line());
            h.append("<td>").append(esc(r.claimId())).append("</td><td>").append(esc(r.field())).append("</td><td>")
                    .append(esc(r.reason())).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void details(StringBuilder h, ScrubSummary summary, Run run) {
        h.append("<section id=run-details><h2>Run details</h2>\n<table class=details>\n");
        detail(h, "Started", when(run.started()));
        detail(h, "Finished", when(run.finished()));
        detail(h, "Exit code", run.exitCode() + " (" + run.exitName() + ")");
        detail(h, "Findings file", "findings at or above " + run.filter().minSeverity().name().toLowerCase(Locale.ROOT)
                + (run.filter().writesNotices() ? "; the rest, one row per claim and edit, in " + run.outputs().get(3)
                : ""));
        detail(h, "Findings bypassed by overrides", num(summary.findingsBypassed()));
        StringBuilder categories = new StringBuilder();
        summary.findingsByCategory().forEach((k, n) -> categories.append(k.category()).append(' ')
                .append(k.severity()).append(": ").append(num(n)).append("; "));
        detail(h, "Findings by category", categories.toString().replaceFirst("; $", ""));
        for (FileDigest f : run.inputs()) {
            detail(h, "Input", f.path() + ", " + num(f.bytes()) + " bytes, sha256 " + f.sha256());
        }
        detail(h, "Rules", Plural.of(run.rules().size(), "rule file"));
        for (ReferenceFile f : run.cmsTables()) {
            detail(h, "CMS table", f.kind() + " " + f.file() + ", " + f.period() + ", " + num(f.rows()) + " rows");
        }
        StringBuilder timings = new StringBuilder();
        run.timingsMs().forEach((phase, ms) -> timings.append(phase.replace('_', ' ')).append(' ')
                .append(String.format("%.1f s", ms / 1000.0)).append("; "));
        detail(h, "Timings", timings.toString().replaceFirst("; $", ""));
        detail(h, "Report files", String.join(", ", run.outputs()));
        h.append("</table>\n<p class=meta>Every claim is in the claims file, every finding in the findings and")
                .append(" notices files; run.json records inputs, rules and tables with their SHA-256.</p></section>\n");
    }

    private static void detail(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void filterBox(StringBuilder h, String table) {
        h.append("<input type=search class=filter data-table=").append(table)
                .append(" placeholder=\"Filter these rows\" aria-label=\"Filter ").append(table).append("\">\n");
    }

    private static void numCell(StringBuilder h, long n) {
        h.append("<td class=n data-v=").append(n).append('>').append(num(n)).append("</td>");
    }

    private static void moneyCell(StringBuilder h, java.math.BigDecimal amount) {
        h.append("<td class=n data-v=").append(amount.toPlainString()).append('>').append(Amounts.dollars(amount))
                .append("</td>");
    }

    private static String num(long n) {
        return String.format("%,d", n);
    }

    private static String inputNames(List<FileDigest> inputs) {
        List<String> names = new ArrayList<>();
        for (FileDigest f : inputs.subList(0, Math.min(3, inputs.size()))) {
            names.add(f.path());
        }
        return String.join(", ", names) + (inputs.size() > 3 ? " and " + (inputs.size() - 3) + " more" : "");
    }

    private record Bar(String label, long value, String kind) {
    }

    /** A horizontal bar chart in inline SVG, each bar coloured by its kind (a severity, or a family). */
    private static void chart(StringBuilder h, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int rowHeight = 22;
        int labelWidth = 230;
        int width = 300;
        h.append("<svg role=\"img\" width=\"").append(labelWidth + width + 70)
                .append("\" height=\"").append(bars.size() * rowHeight + 4).append("\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * rowHeight;
            long w = Math.max(1, Math.round((double) bar.value() / max * width));
            h.append("<g><title>").append(esc(bar.label())).append(": ").append(num(bar.value()))
                    .append("</title><text x=\"0\" y=\"").append(y + 15).append("\">").append(esc(bar.label()))
                    .append("</text><rect class=\"bar ").append(bar.kind()).append("\" x=\"").append(labelWidth)
                    .append("\" y=\"").append(y + 3).append("\" width=\"").append(w).append("\" height=\"16\"/>")
                    .append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 15).append("\">")
                    .append(num(bar.value())).append("</text></g>\n");
        }
        h.append("</svg>");
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = String.join("",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em 2em;color:#1d2330;",
            "background:#fff}h1{font-size:1.6em;margin:.2em 0 .3em;max-width:60em}h2{margin-top:1.8em;",
            "border-bottom:1px solid #dde;padding-bottom:.2em}.meta{color:#667;font-size:.9em}.lead{font-size:1.1em}",
            ".tiles{display:flex;flex-wrap:wrap;gap:.6em;list-style:none;padding:0}.tile{border-radius:6px;",
            "padding:.5em .9em;min-width:8em;border-left:6px solid #99a;background:#f5f6f8}.tile b{font-size:1.5em;",
            "display:block}.tile small{display:block;color:#556}.tile.fix,.tile.ERROR{border-color:#c62828}",
            ".tile.review,.tile.WARNING{border-color:#e0a100}.tile.ready{border-color:#2e7d32}",
            ".tile.NOTICE{border-color:#5c7ea8}table{border-collapse:collapse;margin:.4em 0 1.2em}",
            "td,th{border:1px solid #d5d8de;padding:3px 8px;vertical-align:top}th{background:#eef0f4;",
            "text-align:left}table.sortable th{cursor:pointer;user-select:none}th[aria-sort=ascending]::after{",
            "content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}.n{text-align:right;",
            "white-space:nowrap}ul.issues{margin:0;padding-left:1.1em}.sev,.badge{display:inline-block;",
            "border-radius:3px;padding:0 5px;font-size:.8em;font-weight:600;color:#fff}.ERROR,.fix,",
            ".rejected-lines{background:#c62828}.WARNING,.review{background:#b07d00}.NOTICE{background:#5c7ea8}",
            ".ready{background:#2e7d32}tr.fix td:first-child,tr.rejected-lines td:first-child{border-left:4px solid",
            " #c62828}tr.review td:first-child{border-left:4px solid #e0a100}tr td{background:#fff}",
            ".tile{background:#f5f6f8}.cap{color:#8a4b00}.filter{margin:.3em 0;padding:4px 8px;width:22em}",
            ".charts{display:flex;flex-wrap:wrap;gap:2em}figure{margin:0}figcaption{font-weight:600;margin:.3em 0}",
            "svg text{font-size:12px;fill:#1d2330}rect.bar.ERROR{fill:#c62828}rect.bar.WARNING{fill:#e0a100}",
            "rect.bar.NOTICE{fill:#5c7ea8}rect.bar.family{fill:#4f6d8f}table.details th{width:14em}",
            "code{font-size:.95em}tr[hidden]{display:none}#worklist td:first-child{white-space:nowrap}");

    /** Sorting and filtering, and the same from the link's #filter= and #sort= (for shared links and tests). */
    private static final String SCRIPT = String.join("\n",
            "(function(){",
            "function key(td){var v=td.getAttribute('data-v');if(v!==null&&v!==''&&!isNaN(v))return Number(v);",
            " return (v!==null?v:td.textContent).toLowerCase();}",
            "function sort(table,col,dir){var tb=table.tBodies[0];var rows=Array.prototype.slice.call(tb.rows);",
            " rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);",
            "  var c=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));",
            "  return dir==='desc'?-c:c;});",
            " rows.forEach(function(r){tb.appendChild(r);});",
            " Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){",
            "  if(i===col)th.setAttribute('aria-sort',dir==='desc'?'descending':'ascending');",
            "  else th.removeAttribute('aria-sort');});}",
            "function filter(table,text){var q=text.trim().toLowerCase();var shown=0;",
            " Array.prototype.forEach.call(table.tBodies[0].rows,function(r){",
            "  var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!hit;if(hit)shown++;});",
            " table.setAttribute('data-shown',shown);}",
            "document.querySelectorAll('table.sortable').forEach(function(table){",
            " Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){",
            "  th.addEventListener('click',function(){",
            "   sort(table,i,th.getAttribute('aria-sort')==='ascending'?'desc':'asc');});});});",
            "document.querySelectorAll('input.filter').forEach(function(box){",
            " var table=document.getElementById(box.getAttribute('data-table'));",
            " box.addEventListener('input',function(){filter(table,box.value);});});",
            "var args={};location.hash.replace(/^#/,'').split('&').forEach(function(p){var i=p.indexOf('=');",
            " if(i>0)args[p.slice(0,i)]=decodeURIComponent(p.slice(i+1));});",
            "if(args.sort){var s=args.sort.split(':');var t=document.getElementById(s[0]);",
            " if(t)sort(t,Number(s[1]),s[2]||'asc');}",
            "if(args.filter!==undefined){var w=document.getElementById(args.table||'worklist');",
            " if(w){filter(w,args.filter);var b=document.querySelector('input[data-table='+w.id+']');",
            " if(b)b.value=args.filter;}}",
            "document.body.setAttribute('data-ready','true');",
            "})();");
}
