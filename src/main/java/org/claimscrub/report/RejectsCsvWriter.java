package org.claimscrub.report;

import com.opencsv.ICSVWriter;

import org.claimscrub.model.Reject;

import java.io.Writer;
import java.util.function.UnaryOperator;

/** rejects.csv: the input lines set aside, where they were and why. */
public final class RejectsCsvWriter {
    public static final String[] HEADER = {"source_file", "source_line", "claim_id", "field", "reason", "raw"};

    private final UnaryOperator<String> cell;

    public RejectsCsvWriter(boolean neutraliseFormulas) {
        this.cell = neutraliseFormulas ? CsvCells::neutralise : UnaryOperator.identity();
    }

    public void write(Iterable<Reject> rejects, Writer out) {
        ICSVWriter csv = CsvCells.writer(out);
        csv.writeNext(HEADER, false);
        for (Reject r : rejects) {
            csv.writeNext(new String[] {
                cell.apply(r.source().file()),
                cell.apply(r.source().lineLabel()),
                cell.apply(r.claimId()),
                r.field(),
                cell.apply(r.reason()),
                cell.apply(r.raw()),
            }, false);
        }
        csv.flushQuietly();
    }
}
