package org.claimscrub.report;

import java.util.Objects;

/** claims.csv rows: the worklist, one row per claim (see {@link Disposition}); every text cell via {@link CsvText}. */
public final class ClaimsCsvWriter {
    public static final String[] HEADER = {"claim_id", "disposition", "billing_npi", "payer_id",
        "first_date_of_service", "last_date_of_service", "lines", "lines_rejected", "billed", "at_risk", "errors",
        "warnings", "notices", "first_fix"};

    private final CsvText text;

    public ClaimsCsvWriter(boolean neutraliseFormulas) {
        this.text = new CsvText(neutraliseFormulas);
    }

    public String header() {
        return String.join(",", HEADER) + "\n";
    }

    /** Appends the claim's row. */
    public void row(StringBuilder row, ClaimPart c) {
        text.cell(row, c.claimId()).append(',');
        text.cell(row, c.disposition().label()).append(',');
        text.cell(row, c.billingNpi()).append(',');
        text.cell(row, c.payerId()).append(',');
        text.cell(row, c.firstDate()).append(',');
        text.cell(row, c.lastDate()).append(',');
        row.append(c.lines() + c.rejectedLines()).append(',').append(c.rejectedLines()).append(',');
        FindingsCsvWriter.money(text, row, c.billed());
        row.append(',');
        FindingsCsvWriter.money(text, row, c.atRisk());
        row.append(',');
        row.append(c.errors()).append(',').append(c.warnings()).append(',').append(c.notices()).append(',');
        text.cell(row, Objects.toString(c.firstFix(), ""));
        row.append('\n');
    }
}
