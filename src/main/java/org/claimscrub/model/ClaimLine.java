package org.claimscrub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One service line of a claim, as any reader (CSV today, X12 837 next) hands it to the engine.
 * Codes and modifiers are upper case; optional text fields are empty strings, never null.
 *
 * @param source  where the line was read, for the report and for deterministic ordering
 * @param payerId who the claim is billed to, as the input names it (empty when not given); overrides key on it
 * @param unreadableFields fields whose cell could not be read and are left empty (none edit needs them), in
 *                         declaration order; the INPUT_FIELD_UNREADABLE edit reports them
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
        String payerId,
        Set<InputField> unreadableFields) {

    /** A line without a payer, as readers built it before the payer_id column existed. */
    public ClaimLine(SourceRef source, String claimId, int lineNumber, LocalDate dateOfService, String code,
                     Modifiers modifiers, int units, String patientId, String billingNpi, String renderingNpi,
                     ClaimType claimType, String typeOfBill, String placeOfService, BigDecimal charge,
                     List<String> diagnosisCodes, String revenueCode, Visit visit) {
        this(source, claimId, lineNumber, dateOfService, code, modifiers, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, placeOfService, charge, diagnosisCodes, revenueCode, visit, "");
    }

    /** A line whose every cell was read. */
    public ClaimLine(SourceRef source, String claimId, int lineNumber, LocalDate dateOfService, String code,
                     Modifiers modifiers, int units, String patientId, String billingNpi, String renderingNpi,
                     ClaimType claimType, String typeOfBill, String placeOfService, BigDecimal charge,
                     List<String> diagnosisCodes, String revenueCode, Visit visit, String payerId) {
        this(source, claimId, lineNumber, dateOfService, code, modifiers, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, placeOfService, charge, diagnosisCodes, revenueCode, visit,
                payerId, Set.of());
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
        unreadableFields = unreadableFields.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(unreadableFields));
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

    /** The unreadable fields' column names, e.g. "charge, diagnosis_codes". */
    public String unreadableFieldNames() {
        // asked of every line by the rules; almost every line has none
        if (unreadableFields.isEmpty()) {
            return "";
        }
        return unreadableFields.stream().map(InputField::column).collect(Collectors.joining(", "));
    }
}
