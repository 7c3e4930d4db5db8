package org.claimscrub.reference.cms;

/**
 * Which kinds of CMS table the user loaded: one fact per session, inserted only when some table is loaded.
 * Every CMS rule starts with it, so without tables (or without that kind) the rule is never linked and the
 * engine does no work for it on any line.
 */
public record CmsTablesLoaded(boolean mue, boolean ptp, boolean addOnCodes, boolean feeSchedule) {

    /** Whether a kind of table that NOT_CHECKED reports on (MUE, PTP, fee schedule) is loaded. */
    public boolean checksCodes() {
        return mue || ptp || feeSchedule;
    }
}
