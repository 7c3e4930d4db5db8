package org.claimscrub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One service line of a claim, as any reader (CSV today, X12 837 next) hands it to the engine.
 * Codes and modifiers are upper case; optional text fields are empty strings, never null.
 *
 * @param source  where the line was read, for the report and for deterministic ordering
 * @param payerId who the claim is billed to, as the input names it (empty when not given); overrides key on it
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
        Visit visit,
        String payerId) {

    /** A line without a payer, as readers built it before the payer_id column existed. */
    public ClaimLine(SourceRef source, String claimId, int lineNumber, LocalDate dateOfService, String code,
                     Modifiers modifiers, int units, String patientId, String billingNpi, String renderingNpi,
                     ClaimType claimType, String typeOfBill, String placeOfService, BigDecimal charge,
                     List<String> diagnosisCodes, String revenueCode, Visit visit) {
        this(source, claimId, lineNumber, dateOfService, code, modifiers, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, placeOfService, charge, diagnosisCodes, revenueCode, visit, "");
    }

    public ClaimLine {
        Objects.requireNonNull(source);
        Objects.requireNonNull(claimId);
        Objects.requireNonNull(dateOfService);
        Objects.requireNonNull(code);
        Objects.requireNonNull(modifiers);
        Objects.requireNonNull(claimType);
        Objects.requireNonNull(payerId);
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
