package org.claimscrub.report;

import com.opencsv.ICSVWriter;

import org.claimscrub.model.Reject;

import java.io.Writer;

/** rejects.csv: the input lines set aside, where they were and why. */
public final class RejectsCsvWriter {
    public static final String[] HEADER = {"source_file", "source_line", "claim_id", "field", "reason", "raw"};

    private final CsvText text;

    public RejectsCsvWriter(boolean neutraliseFormulas) {
        this.text = new CsvText(neutraliseFormulas);
    }

    public void write(Iterable<Reject> rejects, Writer out) {
        ICSVWriter csv = CsvCells.writer(out);
        csv.writeNext(HEADER, false);
        for (Reject r : rejects) {
            csv.writeNext(text.cells(r.source().file(), r.source().lineLabel(), r.claimId(), r.field(),
                    r.reason(), r.raw()), false);
        }
        csv.flushQuietly();
    }
}
