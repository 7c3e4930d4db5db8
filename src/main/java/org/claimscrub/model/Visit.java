package org.claimscrub.model;

import java.time.LocalDate;

/**
 * The scope of cross-line edits: one patient seen by one billing provider on one date of service.
 * When a line lacks the patient or the billing provider, its claim stands in for both, so the
 * edit never reaches across claims on a guess.
 */
public record Visit(String scope, LocalDate dateOfService) {

    public static Visit of(String claimId, String patientId, String billingNpi, LocalDate dateOfService) {
        boolean known = !patientId.isEmpty() && !billingNpi.isEmpty();
        String scope = known ? "P:" + patientId + "|" + billingNpi : "C:" + claimId;
        return new Visit(scope, dateOfService);
    }

    /** Never shows the scope: it holds the patient id, which must not reach a log. */
    @Override
    public String toString() {
        return "visit on " + dateOfService;
    }
}
