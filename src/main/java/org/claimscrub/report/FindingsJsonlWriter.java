package org.claimscrub.report;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;

import java.util.Locale;

/**
 * findings.jsonl lines: one JSON object per finding, made in three parts (head, shared, tail; see FindingRuns)
 * on any thread, with the same fields as findings.csv (modifiers as an array). Values are never
 * formula-neutralised: JSON is for machines.
 */
public final class FindingsJsonlWriter {

    /** The object's fields up to the message: what is particular to the finding. */
    public String head(Finding f) {
        ClaimLine line = f.line();
        StringBuilder row = new StringBuilder(512);
        row.append("{\"claim_id\":");
        Json.quote(row, line.claimId());
        row.append(",\"line_number\":").append(line.lineNumber());
        row.append(",\"procedure_code\":");
        Json.quote(row, line.code());
        row.append(",\"modifiers\":[");
        for (int i = 0; i < line.modifiers().values().size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            Json.quote(row, line.modifiers().values().get(i));
        }
        row.append("],\"date_of_service\":\"").append(line.dateOfService()).append('"');
        row.append(",\"edit_id\":");
        Json.quote(row, f.edit().editId());
        row.append(",\"category\":\"").append(f.category().name()).append('"');
        row.append(",\"severity\":\"").append(f.severity().name()).append('"');
        row.append(",\"message\":");
        Json.quote(row, f.message());
        return row.toString();
    }

    /** The rule, rule file, source and input file fields: the same on every finding of an edit in one file. */
    public String shared(Finding f) {
        StringBuilder row = new StringBuilder(256);
        row.append(",\"rule\":");
        Json.quote(row, f.edit().ruleName());
        row.append(",\"rule_file\":");
        Json.quote(row, f.edit().ruleFile());
        row.append(",\"source\":");
        Json.quote(row, f.edit().source());
        row.append(",\"input_file\":");
        Json.quote(row, f.line().source().file());
        return row.toString();
    }

    /** The input line, status and override reason fields, and the line end. */
    public String tail(Finding f) {
        StringBuilder row = new StringBuilder(64);
        row.append(",\"input_line\":").append(f.line().source().line());
        if (!f.line().source().position().isEmpty()) {
            row.append(",\"input_position\":");
            Json.quote(row, f.line().source().position());
        }
        row.append(",\"status\":\"").append(f.status().name().toLowerCase(Locale.ROOT)).append('"');
        row.append(",\"override_reason\":");
        Json.quote(row, f.overrideReason());
        return row.append("}\n").toString();
    }
}
