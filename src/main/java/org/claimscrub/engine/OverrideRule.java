package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;

import java.time.LocalDate;

/**
 * One row of the overrides file: for findings of one edit (by edit id or category) on lines that match the
 * payer, billing provider and date of service range, either bypass the finding or change its severity.
 * Empty criteria match every line.
 *
 * @param severity the new severity, or null for a bypass
 * @param from     first date of service covered, or null
 * @param to       last date of service covered (inclusive), or null
 * @param where    "overrides.csv line 4", for messages
 */
public record OverrideRule(String edit, Severity severity, String payerId, String billingNpi, LocalDate from,
                       LocalDate to, String reason, String where) {

    public boolean bypasses() {
        return severity == null;
    }

    public boolean matches(Finding finding) {
        ClaimLine line = finding.line();
        LocalDate dos = line.dateOfService();
        return (edit.equals(finding.edit().editId()) || edit.equals(finding.category().name()))
                && (payerId.isEmpty() || payerId.equalsIgnoreCase(line.payerId()))
                && (billingNpi.isEmpty() || billingNpi.equals(line.billingNpi()))
                && (from == null || !dos.isBefore(from))
                && (to == null || !dos.isAfter(to));
    }
}
