package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Severity;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * summary.html: one self-contained page (inline CSS and SVG, no script, no external asset) an analyst opens
 * from the report folder: totals, findings by severity and by family (charts), by edit, and the worst claims.
 * Claim ids appear; patient ids never do.
 */
public final class SummaryHtml {
    private static final int CHART_WIDTH = 360;

    public void write(Writer out, ScrubSummary summary, BatchTally tally, List<String> inputs, String finished,
                      int exitCode) throws IOException {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>claimscrub summary</title>\n")
                .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px}")
                .append("th{background:#f3f3f3;text-align:left}td.n{text-align:right}")
                .append(".ERROR{color:#b00020}.WARNING{color:#9a6700}.NOTICE{color:#555}</style>\n</head><body>\n");
        h.append("<h1>claimscrub summary</h1>\n<p>Finished ").append(esc(finished)).append(", exit code ")
                .append(exitCode).append(". Inputs: ").append(esc(String.join(", ", inputs))).append(".</p>\n");

        h.append("<h2>Totals</h2>\n<table>\n");
        row(h, "Lines read", summary.linesRead());
        row(h, "Lines scrubbed", summary.linesScrubbed());
        row(h, "Lines rejected", summary.linesRejected());
        row(h, "Claims", summary.claims());
        row(h, "Claims clean", summary.claimsClean());
        row(h, "Claims with warnings", summary.claimsWithWarnings());
        row(h, "Claims with errors", summary.claimsWithErrors());
        for (Severity s : Severity.values()) {
            row(h, "Findings: " + s.name().toLowerCase() + "s", summary.count(s));
        }
        h.append("</table>\n");

        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.name(), summary.count(s));
        }
        h.append("<h2>Findings by severity</h2>\n");
        chart(h, bySeverity);
        h.append("<h2>Findings by family (rule file)</h2>\n");
        chart(h, tally.byRuleFile());

        h.append("<h2>Findings by category</h2>\n<table><tr><th>Category</th><th>Findings</th></tr>\n");
        for (Category c : Category.values()) {
            long n = summary.findingsByCategory().getOrDefault(c, 0L);
            if (n > 0) {
                h.append("<tr><td>").append(c.name()).append("</td><td class=n>").append(n).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");

        h.append("<h2>Findings by edit</h2>\n<table><tr><th>Edit</th><th>Severity</th><th>Rule</th><th>File</th>")
                .append("<th>Findings</th></tr>\n");
        for (Map.Entry<EditDefinition, Long> e : tally.byEdit()) {
            EditDefinition edit = e.getKey();
            h.append("<tr><td>").append(esc(edit.editId())).append("</td><td class=").append(edit.severity())
                    .append('>').append(edit.severity()).append("</td><td>").append(esc(edit.ruleName()))
                    .append("</td><td>").append(esc(edit.ruleFile())).append("</td><td class=n>").append(e.getValue())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Worst claims</h2>\n");
        List<BatchTally.ClaimScore> worst = tally.worstClaims();
        if (worst.isEmpty()) {
            h.append("<p>No claim has errors, warnings or rejected lines.</p>\n");
        } else {
            h.append("<table><tr><th>Claim</th><th>Errors</th><th>Warnings</th><th>Notices</th>")
                    .append("<th>Rejected lines</th></tr>\n");
            for (BatchTally.ClaimScore c : worst) {
                h.append("<tr><td>").append(esc(c.claimId().isEmpty() ? "(no claim id)" : c.claimId()))
                        .append("</td><td class=n>").append(c.errors()).append("</td><td class=n>")
                        .append(c.warnings()).append("</td><td class=n>").append(c.notices())
                        .append("</td><td class=n>").append(c.rejectedLines()).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<p>Details: findings and rejects files beside this page; run.json records inputs, rules and")
                .append(" reference data with SHA-256.</p>\n</body></html>\n");
        out.write(h.toString());
    }

    private static void row(StringBuilder h, String label, long value) {
        h.append("<tr><th>").append(label).append("</th><td class=n>").append(String.format("%,d", value))
                .append("</td></tr>\n");
    }

    /** A horizontal bar chart in inline SVG. */
    private static void chart(StringBuilder h, Map<String, Long> values) {
        List<Map.Entry<String, Long>> bars = new ArrayList<>(values.entrySet());
        long max = Math.max(1, bars.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
        int rowHeight = 22;
        int labelWidth = 260;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(labelWidth + CHART_WIDTH + 90).append("\" height=\"").append(bars.size() * rowHeight + 4)
                .append("\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Map.Entry<String, Long> bar = bars.get(i);
            int y = i * rowHeight;
            long width = Math.round((double) bar.getValue() / max * CHART_WIDTH);
            h.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(esc(bar.getKey()))
                    .append("</text><rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3)
                    .append("\" width=\"").append(width).append("\" height=\"16\" fill=\"#4a78b5\"/><text x=\"")
                    .append(labelWidth + width + 6).append("\" y=\"").append(y + 15).append("\" font-size=\"12\">")
                    .append(String.format("%,d", bar.getValue())).append("</text>\n");
        }
        h.append("</svg>\n");
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
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
