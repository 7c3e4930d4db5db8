package org.claimscrub.model;

/**
 * One edit raised on one claim line, with its message filled in.
 */
public record Finding(ClaimLine line, EditDefinition edit, String message) {

    public Severity severity() {
        return edit.severity();
    }

    public Category category() {
        return edit.category();
    }
}
