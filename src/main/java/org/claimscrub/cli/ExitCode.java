package org.claimscrub.cli;

/** The process exit codes a scheduler can act on; documented in the README. */
public enum ExitCode {
    /** Done; nothing at or above the --fail-on severity, no line rejected. */
    OK(0),
    /** Done, report written; findings at or above the --fail-on severity, or rejected lines. */
    FINDINGS(1),
    /** Bad command line. */
    USAGE(2),
    /** An input file could not be read at all (missing, no header, required column absent). */
    INPUT(3),
    /** The rules folder does not compile, or a rule does not declare its edit. */
    RULES(4),
    /** A reference table is missing or malformed. */
    REFERENCE_DATA(5),
    /** The report could not be written. */
    OUTPUT(6),
    /**
     * Done, report written, but a rule threw on some visits: each has a SYSTEM finding instead of its edits.
     * Takes precedence over FINDINGS: the rules need fixing before the report can be trusted in full.
     */
    RULE_FAILED(7),
    /** Another run is writing into the report folder (it holds the folder's lock); this one did nothing. */
    BUSY(8),
    /**
     * The Java heap ran out (a huge line, or a memory budget larger than the heap); nothing written. A one-line
     * message names the remedy: more heap (CLAIMSCRUB_JAVA_OPTS) or a smaller --memory-budget.
     */
    OUT_OF_MEMORY(9),
    /** A bug in claimscrub: please report it. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
