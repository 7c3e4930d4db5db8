package org.claimscrub.model;

import java.time.LocalDate;

/**
 * One reference file a run used, for the report and a run manifest: which table it holds, the dates of service
 * it was applied to, how many data rows it had and its SHA-256, so a finding can be traced to the exact download.
 *
 * @param setting  which claims the table applies to (e.g. "practitioner"), or empty when it applies to all
 * @param from     first date of service the table is in force, or null when its rows carry their own dates
 * @param through  last date of service the table is in force, or null when open-ended
 */
public record ReferenceFile(Kind kind, String setting, String file, LocalDate from, LocalDate through, long rows,
                            String sha256) {

    /** The CMS table kinds claimscrub reads. */
    public enum Kind {
        /** NCCI medically unlikely edits. */
        MUE,
        /** NCCI procedure-to-procedure edits. */
        PTP,
        /** NCCI add-on code edits. */
        AOC,
        /** Physician fee schedule relative value file. */
        PFS
    }

    /** "2025-01-01 to 2025-03-31", "from 2025-04-01", or "dates on each row". */
    public String period() {
        if (from == null) {
            return "dates on each row";
        }
        return through == null ? "from " + from : from + " to " + through;
    }
}
