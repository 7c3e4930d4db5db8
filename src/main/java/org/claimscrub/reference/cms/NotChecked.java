package org.claimscrub.reference.cms;

import java.util.List;

/**
 * The loaded CMS tables that could not check a line, and why, e.g. "the MUE table (no row for the code)".
 */
public record NotChecked(List<String> gaps) {

    public NotChecked {
        gaps = List.copyOf(gaps);
    }

    /** "the MUE table (no row for the code) and the PTP table (...)", for messages. */
    public String describe() {
        return String.join(" and ", gaps);
    }
}
