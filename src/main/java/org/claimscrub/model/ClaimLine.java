package org.claimscrub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One service line of a claim, as any reader (CSV today, X12 837 next) hands it to the engine.
 * Codes and modifiers are upper case; optional text fields are empty strings, never null.
 *
 * @param source where the line was read, for the report and for deterministic ordering
 */
public record ClaimLine(
        SourceRef source,
        String claimId,
        int lineNumber,
        LocalDate dateOfService,
        String code,
        Modifiers modifiers,
        int units,
        String patientId,
        String billingNpi,
        String renderingNpi,
        ClaimType claimType,
        String typeOfBill,
        String placeOfService,
        BigDecimal charge,
        List<String> diagnosisCodes,
        String revenueCode,
        Visit visit) {

    public ClaimLine {
        Objects.requireNonNull(source);
        Objects.requireNonNull(claimId);
        Objects.requireNonNull(dateOfService);
        Objects.requireNonNull(code);
        Objects.requireNonNull(modifiers);
        Objects.requireNonNull(claimType);
        diagnosisCodes = List.copyOf(diagnosisCodes);
        if (units < 1) {
            throw new IllegalArgumentException("units must be positive");
        }
    }

    /** Hospital outpatient bill types (013x) are paid under OPPS. */
    public boolean isHospitalOutpatient() {
        return claimType == ClaimType.INSTITUTIONAL && typeOfBill.startsWith("013");
    }

    public boolean hasModifier(String modifier) {
        return modifiers.has(modifier);
    }
}
