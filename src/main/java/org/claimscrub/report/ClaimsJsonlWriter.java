package org.claimscrub.report;

/** claims.jsonl lines: the fields of claims.csv, one JSON object per claim; dates null when no line was read. */
public final class ClaimsJsonlWriter {

    /** Appends the claim's line. */
    public void row(StringBuilder row, ClaimPart c) {
        row.append("{\"claim_id\":");
        Json.quote(row, c.claimId());
        row.append(",\"disposition\":\"").append(c.disposition().label()).append('"');
        row.append(",\"billing_npi\":");
        Json.quote(row, c.billingNpi());
        row.append(",\"payer_id\":");
        Json.quote(row, c.payerId());
        row.append(",\"first_date_of_service\":").append(date(c.firstDate()));
        row.append(",\"last_date_of_service\":").append(date(c.lastDate()));
        row.append(",\"lines\":").append(c.lines() + c.rejectedLines());
        row.append(",\"lines_rejected\":").append(c.rejectedLines());
        row.append(",\"billed\":").append(FindingsJsonlWriter.amount(c.billed()));
        row.append(",\"at_risk\":").append(FindingsJsonlWriter.amount(c.atRisk()));
        row.append(",\"errors\":").append(c.errors());
        row.append(",\"warnings\":").append(c.warnings());
        row.append(",\"notices\":").append(c.notices());
        row.append(",\"first_fix\":");
        if (c.firstFix() == null) {
            row.append("null");
        } else {
            Json.quote(row, c.firstFix());
        }
        row.append("}\n");
    }

    private static String date(java.time.LocalDate date) {
        return date == null ? "null" : "\"" + date + "\"";
    }
}
