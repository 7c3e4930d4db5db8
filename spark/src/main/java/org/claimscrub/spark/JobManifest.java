package org.claimscrub.spark;

import org.claimscrub.model.Severity;
import org.claimscrub.report.Json;

import java.time.Instant;
import java.util.List;

/**
 * run.json of a Spark run: what ran (version, master, partitions, options), on what (each input's bytes and
 * SHA-256, the rules setup's hash), and the reconciled counts. No claim data, so no PHI.
 */
record JobManifest(String version, Instant startedAt, Instant finishedAt, String master, int partitions,
                   String outputFormat, boolean formulaGuard, Severity minSeverity,
                   List<ReadStage.FileRead> inputs, ShippedSetup setup, ScrubJob.Counts counts) {

    String toJson() {
        StringBuilder j = new StringBuilder(1024).append("{\n");
        field(j, "version", version).append(",\n");
        field(j, "started_at", startedAt.toString()).append(",\n");
        field(j, "finished_at", finishedAt.toString()).append(",\n");
        field(j, "spark_master", master).append(",\n");
        j.append("  \"partitions\": ").append(partitions).append(",\n");
        j.append("  \"options\": {\"output_format\": ").append(Json.quote(outputFormat))
                .append(", \"formula_guard\": ").append(formulaGuard)
                .append(", \"min_severity\": ").append(Json.quote(minSeverity.name().toLowerCase())).append("},\n");
        j.append("  \"inputs\": [");
        for (int i = 0; i < inputs.size(); i++) {
            ReadStage.FileRead f = inputs.get(i);
            j.append(i == 0 ? "\n" : ",\n").append("    {\"path\": ").append(Json.quote(f.path()))
                    .append(", \"bytes\": ").append(f.bytes())
                    .append(", \"sha256\": ").append(Json.quote(f.sha256()))
                    .append(", \"lines\": ").append(f.lines() + f.rejects()).append(", \"notes\": [");
            for (int k = 0; k < f.notes().size(); k++) {
                j.append(k == 0 ? "" : ", ").append(Json.quote(f.notes().get(k)));
            }
            j.append("]}");
        }
        j.append("\n  ],\n");
        field(j, "rules_setup_sha256", setup.hash()).append(",\n");
        j.append("  \"counts\": {\"lines_read\": ").append(counts.linesRead())
                .append(", \"lines_scrubbed\": ").append(counts.linesScrubbed())
                .append(", \"lines_rejected\": ").append(counts.linesRejected())
                .append(", \"findings\": ").append(counts.findings())
                .append(", \"findings_rows\": ").append(counts.findingsRows());
        for (Severity s : Severity.values()) {
            j.append(", \"rows_").append(s.name().toLowerCase()).append("\": ")
                    .append(counts.rowsBySeverity().getOrDefault(s, 0L));
        }
        j.append(", \"rule_failed\": ").append(counts.ruleFailed()).append("},\n");
        j.append("  \"outputs\": [\"findings\", \"rejects\"]\n}\n");
        return j.toString();
    }

    private static StringBuilder field(StringBuilder j, String name, String value) {
        return j.append("  \"").append(name).append("\": ").append(Json.quote(value));
    }
}
