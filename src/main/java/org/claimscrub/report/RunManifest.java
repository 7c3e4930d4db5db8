package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ReferenceFile;
import org.claimscrub.model.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * run.json: what a run read (inputs, rules and reference tables with SHA-256), what it found (counts that
 * reconcile), how long it took and how it ended. Written last, so its presence marks a complete report.
 *
 * @param exitCode    the process exit code and its name
 * @param timingsMs   phase name to milliseconds, in phase order
 * @param outputs     the report files written beside it
 * @param inputNotes  what the readers said of the inputs (unused code-like columns, empty rows skipped), one line each
 */
public record RunManifest(
        String tool,
        Instant started,
        Instant finished,
        int exitCode,
        String exitName,
        Options options,
        Jvm jvm,
        List<FileDigest> inputs,
        List<FileDigest> rules,
        List<FileDigest> referenceData,
        List<ReferenceFile> cmsTables,
        int referenceCodes,
        ScrubSummary counts,
        Map<String, Long> timingsMs,
        List<String> outputs,
        List<String> inputNotes) {

    /** The options that shape the report. */
    public record Options(int threads, String format, boolean formulaGuard, String failOn, String minSeverity,
                          long memoryBudgetBytes, boolean spilled) {
    }

    /** The Java runtime and the options it was started with (heap, collector, JIT mode: the launcher's choices). */
    public record Jvm(String version, List<String> options) {
    }

    public String toJson() {
        StringBuilder j = new StringBuilder(4096);
        j.append("{\n");
        field(j, "tool").append(Json.quote(tool)).append(",\n");
        field(j, "started").append(Json.quote(started.toString())).append(",\n");
        field(j, "finished").append(Json.quote(finished.toString())).append(",\n");
        field(j, "exit_code").append(exitCode).append(",\n");
        field(j, "exit_name").append(Json.quote(exitName)).append(",\n");
        field(j, "options").append("{\"threads\": ").append(options.threads())
                .append(", \"format\": ").append(Json.quote(options.format()))
                .append(", \"formula_guard\": ").append(options.formulaGuard())
                .append(", \"fail_on\": ").append(Json.quote(options.failOn()))
                .append(", \"min_severity\": ").append(Json.quote(options.minSeverity()))
                .append(", \"memory_budget_bytes\": ").append(options.memoryBudgetBytes())
                .append(", \"spilled_to_disk\": ").append(options.spilled()).append("},\n");
        field(j, "jvm").append("{\"version\": ").append(Json.quote(jvm.version())).append(", \"options\": [");
        for (int i = 0; i < jvm.options().size(); i++) {
            j.append(i == 0 ? "" : ", ").append(Json.quote(jvm.options().get(i)));
        }
        j.append("]},\n");
        files(j, "inputs", inputs);
        field(j, "input_notes").append('[');
        for (int i = 0; i < inputNotes.size(); i++) {
            j.append(i == 0 ? "\n    " : ",\n    ").append(Json.quote(inputNotes.get(i)));
        }
        j.append(inputNotes.isEmpty() ? "],\n" : "\n  ],\n");
        files(j, "rules", rules);
        files(j, "reference_data", referenceData);
        cmsTables(j);
        field(j, "reference_codes").append(referenceCodes).append(",\n");
        field(j, "counts").append("{\n");
        j.append("    \"lines_read\": ").append(counts.linesRead()).append(",\n");
        j.append("    \"lines_scrubbed\": ").append(counts.linesScrubbed()).append(",\n");
        j.append("    \"lines_rejected\": ").append(counts.linesRejected()).append(",\n");
        j.append("    \"claims\": ").append(counts.claims()).append(",\n");
        j.append("    \"claims_by_disposition\": {");
        String sep = "";
        for (Disposition d : Disposition.values()) {
            j.append(sep).append(Json.quote(d.label())).append(": ").append(counts.claims(d));
            sep = ", ";
        }
        j.append("},\n");
        j.append("    \"claims_to_fix\": ").append(counts.claimsToFix()).append(",\n");
        long total = 0;
        j.append("    \"findings_by_severity\": {");
        sep = "";
        for (Severity s : Severity.values()) {
            long n = counts.count(s);
            total += n;
            j.append(sep).append(Json.quote(s.name())).append(": ").append(n);
            sep = ", ";
        }
        j.append("},\n    \"findings_by_category\": {");
        sep = "";
        for (Category c : Category.values()) {
            j.append(sep).append(Json.quote(c.name())).append(": ")
                    .append(counts.count(c));
            sep = ", ";
        }
        j.append("},\n    \"findings_by_category_and_severity\": [");
        sep = "";
        for (Map.Entry<ScrubSummary.CategorySeverity, Long> e : counts.findingsByCategory().entrySet()) {
            j.append(sep).append("{\"category\": ").append(Json.quote(e.getKey().category().name()))
                    .append(", \"severity\": ").append(Json.quote(e.getKey().severity().name()))
                    .append(", \"findings\": ").append(e.getValue()).append('}');
            sep = ", ";
        }
        j.append("],\n    \"findings\": ").append(total).append(",\n");
        j.append("    \"findings_bypassed\": ").append(counts.findingsBypassed()).append("\n  },\n");
        field(j, "dollars").append("{\n    \"total\": ");
        amounts(j, counts.dollars());
        j.append(",\n");
        figures(j, "by_edit", counts.byEdit(), "edit_id");
        j.append(",\n");
        figures(j, "by_billing_provider", counts.byProvider(), "billing_npi");
        j.append(",\n");
        figures(j, "by_payer", counts.byPayer(), "payer_id");
        j.append("\n  },\n");
        field(j, "timings_ms").append('{');
        sep = "";
        for (Map.Entry<String, Long> t : timingsMs.entrySet()) {
            j.append(sep).append(Json.quote(t.getKey())).append(": ").append(t.getValue());
            sep = ", ";
        }
        j.append("},\n");
        field(j, "outputs").append('[');
        sep = "";
        for (String out : outputs) {
            j.append(sep).append(Json.quote(out));
            sep = ", ";
        }
        j.append("]\n}\n");
        return j.toString();
    }

    private static void amounts(StringBuilder j, Amounts a) {
        j.append("{\"lines\": ").append(a.lines()).append(", \"billed\": ").append(FindingsCsvWriter.cents(a.billed()).toPlainString())
                .append(", \"lines_at_risk\": ").append(a.linesAtRisk()).append(", \"at_risk\": ")
                .append(FindingsCsvWriter.cents(a.atRisk()).toPlainString()).append('}');
    }

    /** A dollar breakdown, most at risk first; amounts are JSON numbers (plain decimal, as in the input). */
    private static void figures(StringBuilder j, String name, List<ScrubSummary.Figure> figures, String key) {
        j.append("    ").append(Json.quote(name)).append(": [");
        String sep = "\n      ";
        for (ScrubSummary.Figure f : figures) {
            j.append(sep).append('{').append(Json.quote(key)).append(": ").append(Json.quote(f.key()));
            if (f.severity() != null) {
                j.append(", \"severity\": ").append(Json.quote(f.severity().name())).append(", \"findings\": ")
                        .append(f.findings());
            }
            j.append(", \"amounts\": ");
            amounts(j, f.amounts());
            j.append('}');
            sep = ",\n      ";
        }
        j.append(figures.isEmpty() ? "]" : "\n    ]");
    }

    private static StringBuilder field(StringBuilder j, String name) {
        return j.append("  ").append(Json.quote(name)).append(": ");
    }

    /** The CMS tables loaded with --mue, --ptp, --aoc and --pfs, each with the dates it was applied to. */
    private void cmsTables(StringBuilder j) {
        field(j, "cms_tables").append('[');
        String sep = "\n";
        for (ReferenceFile f : cmsTables) {
            j.append(sep).append("    {\"kind\": ").append(Json.quote(f.kind().name()))
                    .append(", \"setting\": ").append(Json.quote(f.setting()))
                    .append(", \"file\": ").append(Json.quote(f.file()))
                    .append(", \"period\": ").append(Json.quote(f.period()))
                    .append(", \"rows\": ").append(f.rows())
                    .append(", \"sha256\": ").append(Json.quote(f.sha256())).append('}');
            sep = ",\n";
        }
        j.append(cmsTables.isEmpty() ? "],\n" : "\n  ],\n");
    }

    private static void files(StringBuilder j, String name, List<FileDigest> files) {
        field(j, name).append('[');
        String sep = "\n";
        for (FileDigest f : files) {
            j.append(sep).append("    {\"path\": ").append(Json.quote(f.path())).append(", \"bytes\": ")
                    .append(f.bytes()).append(", \"sha256\": ").append(Json.quote(f.sha256())).append('}');
            sep = ",\n";
        }
        j.append(files.isEmpty() ? "],\n" : "\n  ],\n");
    }
}
