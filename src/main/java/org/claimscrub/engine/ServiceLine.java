package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.time.LocalDate;

/**
 * The fact rules match: a claim line plus what the engine knows of its visit, computed once in Java so that
 * unit rules need no accumulate. Getters follow bean naming so DRL reads {@code code == "0856T"}.
 */
public final class ServiceLine {
    private final ClaimLine line;
    private final int codeUnits;
    private final boolean firstOfCode;

    /**
     * @param codeUnits   units of this code summed over every line of the visit
     * @param firstOfCode whether this is the visit's first line of this code (in input order), the line that
     *                    carries visit-level findings such as units over the primary
     */
    public ServiceLine(ClaimLine line, int codeUnits, boolean firstOfCode) {
        this.line = line;
        this.codeUnits = codeUnits;
        this.firstOfCode = firstOfCode;
    }

    public ClaimLine getLine() {
        return line;
    }

    public String getCode() {
        return line.code();
    }

    public Visit getVisit() {
        return line.visit();
    }

    public String getClaimId() {
        return line.claimId();
    }

    public int getLineNumber() {
        return line.lineNumber();
    }

    public SourceRef getSource() {
        return line.source();
    }

    public LocalDate getDateOfService() {
        return line.dateOfService();
    }

    public Modifiers getModifiers() {
        return line.modifiers();
    }

    public boolean hasModifier(String modifier) {
        return line.modifiers().has(modifier);
    }

    /** The first of the given modifiers this line carries, or null. */
    public String firstModifierOf(String... modifiers) {
        return line.modifiers().firstOf(modifiers);
    }

    public int getUnits() {
        return line.units();
    }

    public int getCodeUnits() {
        return codeUnits;
    }

    public boolean isFirstOfCode() {
        return firstOfCode;
    }

    public ClaimType getClaimType() {
        return line.claimType();
    }

    public String getTypeOfBill() {
        return line.typeOfBill();
    }

    public boolean isHospitalOutpatient() {
        return line.isHospitalOutpatient();
    }

    /** Same claim, code, modifiers (in any order), date of service and units. */
    public boolean duplicates(ServiceLine other) {
        ClaimLine o = other.line;
        return line.claimId().equals(o.claimId()) && line.code().equals(o.code())
                && line.dateOfService().equals(o.dateOfService()) && line.units() == o.units()
                && line.modifiers().sameSetAs(o.modifiers());
    }

    @Override
    public String toString() {
        return "claim " + line.claimId() + " line " + line.lineNumber() + " " + line.code();
    }
}
