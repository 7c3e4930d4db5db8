package org.claimscrub.model;

/**
 * An input line that could not be read as a claim line, set aside with the reason.
 *
 * @param claimId the claim id cell if it could be read, else empty
 * @param field   the column at fault, or empty when the fault is the row itself
 * @param raw     the line as it stood in the file (for X12 the service line's segment: see docs/x12.md)
 */
public record Reject(SourceRef source, String claimId, String field, String reason, String raw) {

    /** "file line N, field units: units must be a positive whole number" (for X12 the position, not a line). */
    public String describe() {
        String where = source.describe();
        return field.isEmpty() ? where + ": " + reason : where + ", field " + field + ": " + reason;
    }
}
