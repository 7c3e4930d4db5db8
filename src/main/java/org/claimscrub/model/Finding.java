package org.claimscrub.model;

import java.util.Objects;

/**
 * One edit raised on one claim line, with its message filled in.
 *
 * @param status         whether an override bypassed the finding or changed its severity
 * @param overrideReason the reason the override file gives, empty when no override applied
 */
public record Finding(ClaimLine line, EditDefinition edit, String message, FindingStatus status,
                      String overrideReason) {

    public Finding {
        Objects.requireNonNull(status);
        Objects.requireNonNull(overrideReason);
    }

    /** A finding as the rule raised it, before any override. */
    public Finding(ClaimLine line, EditDefinition edit, String message) {
        this(line, edit, message, FindingStatus.ACTIVE, "");
    }

    public Severity severity() {
        return edit.severity();
    }

    public Category category() {
        return edit.category();
    }

    /** Bypassed findings stay in the report for the audit trail but count toward nothing. */
    public boolean isBypassed() {
        return status == FindingStatus.BYPASSED;
    }
}
