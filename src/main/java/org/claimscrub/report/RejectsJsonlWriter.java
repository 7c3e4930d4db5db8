package org.claimscrub.report;

import org.claimscrub.model.Reject;

import java.io.IOException;
import java.io.Writer;

/** rejects.jsonl: one JSON object per rejected input line, same fields as rejects.csv. */
public final class RejectsJsonlWriter {

    public void write(Iterable<Reject> rejects, Writer out) throws IOException {
        StringBuilder row = new StringBuilder(256);
        for (Reject r : rejects) {
            row.setLength(0);
            row.append("{\"source_file\":");
            Json.quote(row, r.source().file());
            row.append(",\"source_line\":").append(r.source().line());
            if (!r.source().position().isEmpty()) {
                row.append(",\"source_position\":");
                Json.quote(row, r.source().position());
            }
            row.append(",\"claim_id\":");
            Json.quote(row, r.claimId());
            row.append(",\"field\":");
            Json.quote(row, r.field());
            row.append(",\"reason\":");
            Json.quote(row, r.reason());
            row.append(",\"raw\":");
            Json.quote(row, r.raw());
            row.append("}\n");
            out.append(row);
        }
    }
}
