package org.claimscrub.pipeline;

import org.claimscrub.engine.FindingRuns;
import org.claimscrub.model.Finding;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.FindingsJsonlWriter;

/** How a finding becomes its findings-file row, in CSV or JSON Lines: one definition for every front end. */
public final class FindingRows {
    private FindingRows() {
    }

    public static FindingRuns.RowFormat csv(FindingsCsvWriter csv) {
        return new FindingRuns.RowFormat(csv::head, csv::shared, csv::tail);
    }

    public static FindingRuns.RowFormat jsonl(FindingsJsonlWriter jsonl) {
        return new FindingRuns.RowFormat(jsonl::head, jsonl::shared, jsonl::tail);
    }

    /** The whole row, line end included. */
    public static String row(FindingRuns.RowFormat format, Finding f) {
        return format.head().apply(f) + format.shared().apply(f) + format.tail().apply(f);
    }
}
