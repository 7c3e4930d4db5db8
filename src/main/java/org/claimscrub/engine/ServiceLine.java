package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;
import org.claimscrub.reference.CodeReference;

import java.time.LocalDate;
import java.util.List;

/**
 * The fact rules match: a claim line plus what the engine knows of its visit, computed once in Java so that
 * unit rules need no accumulate. Getters follow bean naming so DRL reads {@code code == "0856T"}.
 */
public final class ServiceLine {
    private final ClaimLine line;
    private final List<ClaimLine> visitLines;
    private final int codeUnits;
    private final boolean firstOfCode;
    private final CodeReference codeRow;

    /**
     * @param visitLines  every line of the visit, this one included, in input order
     * @param codeUnits   units of this code summed over every line of the visit
     * @param firstOfCode whether this is the visit's first line of this code (in input order), the line that
     *                    carries visit-level findings such as units over the primary
     * @param codeRow     what the reference tables say of the code on the line's date of service; for a code
     *                    no table knows, a row of blanks, so that rules read {@code codeRow.pcTc} without a null
     *                    check and raise no reference edit on it
     */
    public ServiceLine(ClaimLine line, List<ClaimLine> visitLines, int codeUnits, boolean firstOfCode,
                       CodeReference codeRow) {
        this.line = line;
        this.codeRow = codeRow;
        this.visitLines = visitLines;
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

    public CodeReference getCodeRow() {
        return codeRow;
    }

    /** Every line of the visit, this one included, in input order: the lines the visit* conditions look at. */
    public List<ClaimLine> getVisitLines() {
        return visitLines;
    }

    /** Whether the visit (this patient, billing provider and date, on any claim) has a line of the code. */
    public boolean visitBills(String code) {
        for (ClaimLine other : visitLines) {
            if (other.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** Units of the code summed over the visit's lines; 0 when the visit has none. */
    public int visitUnits(String code) {
        int units = 0;
        for (ClaimLine other : visitLines) {
            if (other.code().equals(code)) {
                units += other.units();
            }
        }
        return units;
    }

    /** Whether the visit bills the code and every one of its lines of that code carries the modifier. */
    public boolean visitBillsOnlyWith(String code, String modifier) {
        boolean billed = false;
        for (ClaimLine other : visitLines) {
            if (other.code().equals(code)) {
                if (!other.modifiers().has(modifier)) {
                    return false;
                }
                billed = true;
            }
        }
        return billed;
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
