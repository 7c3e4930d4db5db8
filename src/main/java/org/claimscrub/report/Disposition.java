package org.claimscrub.report;

/**
 * What a claim needs before submission, from its worst problem: the worklist's first column. Names are stable
 * (claims.csv and run.json key on them); worst first.
 */
public enum Disposition {
    /** Some of its lines could not be read: correct them in the input (rejects.csv says why) and scrub again. */
    REJECTED_LINES("rejected-lines"),
    /** An error finding on some line: the line will be denied or paid wrongly as billed; fix before submission. */
    FIX("fix"),
    /** Warnings but no error: review, then fix or submit with the documentation the warning asks for. */
    REVIEW("review"),
    /** No error or warning: submit it; attach what its notices ask for, if any. */
    READY("ready");

    private final String label;

    Disposition(String label) {
        this.label = label;
    }

    /** The name reports use. */
    public String label() {
        return label;
    }

    /** Whether the claim must be changed before it goes out. */
    public boolean needsFixing() {
        return this == REJECTED_LINES || this == FIX;
    }
}
