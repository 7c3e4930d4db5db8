package org.claimscrub.report;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.FindingStatus;

import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * findings.jsonl lines: one JSON object per finding (and notices.jsonl lines, one per claim and edit), made in three parts (head, shared, tail; see FindingRuns)
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

    /** The input line, status, override reason, billing NPI, payer and charge fields, and the line end. */
    public String tail(Finding f) {
        StringBuilder row = new StringBuilder(128);
        row.append(",\"input_line\":").append(f.line().source().line());
        if (!f.line().source().position().isEmpty()) {
            row.append(",\"input_position\":");
            Json.quote(row, f.line().source().position());
        }
        status(row, f.status(), f.overrideReason(), f.line().billingNpi(), f.line().payerId());
        row.append(",\"charge\":").append(amount(f.line().charge()));
        return row.append("}\n").toString();
    }

    private static void status(StringBuilder row, FindingStatus status, String reason, String npi, String payer) {
        row.append(",\"status\":\"").append(status.label()).append('"');
        row.append(",\"override_reason\":");
        Json.quote(row, reason);
        row.append(",\"billing_npi\":");
        Json.quote(row, npi);
        row.append(",\"payer_id\":");
        Json.quote(row, payer);
    }

    /** An amount as a JSON number, or null when the input gave none. */
    static String amount(BigDecimal amount) {
        return amount == null ? "null" : FindingsCsvWriter.cents(amount).toPlainString();
    }

    /**
     * A notices.jsonl object, made in three parts (head, shared, tail; see ClaimRuns): the fields of
     * findings.jsonl, with the line fields (line_number, procedure_code, modifiers, date_of_service, input_line)
     * as arrays over the lines it covers, in input order, input_file as the array of their files (each once),
     * and the charge their sum.
     */
    public ClaimRuns.NoticeRow noticeRow() {
        return new ClaimRuns.NoticeRow(this::noticeHead, this::noticeShared, this::noticeTail);
    }

    private void noticeHead(StringBuilder row, String claimId, ClaimPart.NoticeGroup g) {
        row.append("{\"claim_id\":");
        Json.quote(row, claimId);
        array(row, "line_number", g, l -> row.append(l.lineNumber()));
        array(row, "procedure_code", g, l -> Json.quote(row, l.code()));
        array(row, "modifiers", g, l -> {
            row.append('[');
            String sep = "";
            for (String m : l.modifiers().isEmpty() ? new String[0] : l.modifiers().split(" ")) {
                row.append(sep);
                Json.quote(row, m);
                sep = ",";
            }
            row.append(']');
        });
        array(row, "date_of_service", g, l -> Json.quote(row, l.dateOfService().toString()));
        row.append(",\"edit_id\":");
        Json.quote(row, g.editId());
        row.append(",\"category\":\"").append(g.category().name()).append('"');
        row.append(",\"severity\":\"").append(g.severity().name()).append('"');
    }

    private String noticeShared(ClaimPart.NoticeGroup g) {
        StringBuilder row = new StringBuilder(512);
        row.append(",\"message\":");
        Json.quote(row, g.message());
        row.append(",\"rule\":");
        Json.quote(row, g.rule());
        row.append(",\"rule_file\":");
        Json.quote(row, g.ruleFile());
        row.append(",\"source\":");
        Json.quote(row, g.source());
        return row.toString();
    }

    private void noticeTail(StringBuilder row, ClaimPart.NoticeGroup g) {
        row.append(",\"input_file\":[");
        String fileSep = "";
        for (String file : g.inputFiles()) {
            Json.quote(row.append(fileSep), file);
            fileSep = ",";
        }
        row.append(']');
        array(row, "input_line", g, l -> row.append(l.inputLine()));
        status(row, g.status(), g.overrideReason(), g.billingNpi(), g.payerId());
        row.append(",\"charge\":").append(amount(g.charge()));
        row.append("}\n");
    }

    private static void array(StringBuilder row, String name, ClaimPart.NoticeGroup g,
                              Consumer<ClaimPart.NoticeLine> value) {
        row.append(",\"").append(name).append("\":[");
        for (int i = 0; i < g.lines().size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            value.accept(g.lines().get(i));
        }
        row.append(']');
    }
}
