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
 * The fact rules match: a claim line with its visit's lines and its code's reference row, so a rule about the
 * visit is a condition on one line (worked out in Java when the rule asks), with no join and no accumulate.
 * Getters follow bean naming so DRL reads {@code code == "0856T"}.
 */
public final class ServiceLine {
    private final ClaimLine line;
    private final VisitLines visit;
    private final CodeReference codeRow;

    /**
     * @param visitLines every line of the visit, this one included, in input order
     * @param codeRow    what the reference tables say of the code on the line's date of service; for a code no
     *                   table knows, a row of blanks, so that rules read {@code codeRow.pcTc} without a null
     *                   check and raise no reference edit on it
     */
    public ServiceLine(ClaimLine line, List<ClaimLine> visitLines, CodeReference codeRow) {
        this(line, new VisitLines(visitLines), codeRow);
    }

    /** A fact sharing its visit's lines (and their index) with the visit's other facts. */
    ServiceLine(ClaimLine line, VisitLines visit, CodeReference codeRow) {
        this.line = line;
        this.visit = visit;
        this.codeRow = codeRow;
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

    /** Units of this line's code summed over every line of the visit. */
    public int getCodeUnits() {
        return visitUnits(line.code());
    }

    /**
     * Whether this is the visit's first line of its code (in input order): the line that carries visit-level
     * findings such as units over the primary, so they are raised once.
     */
    public boolean isFirstOfCode() {
        return visit.firstOf(line.code()) == line;
    }

    /** The first earlier line of the visit that this one {@link #duplicates}, or null when there is none. */
    public ClaimLine getDuplicateOf() {
        return visit.duplicateOf(line);
    }

    public CodeReference getCodeRow() {
        return codeRow;
    }

    /** Every line of the visit, this one included, in input order: the lines the visit* conditions look at. */
    public List<ClaimLine> getVisitLines() {
        return visit.all();
    }

    /** Whether the visit (this patient, billing provider and date, on any claim) has a line of the code. */
    public boolean visitBills(String code) {
        return visit.bills(code);
    }

    /** Units of the code summed over the visit's lines; 0 when the visit has none. */
    public int visitUnits(String code) {
        return visit.units(code);
    }

    /** Whether the visit bills the code and every one of its lines of that code carries the modifier. */
    public boolean visitBillsOnlyWith(String code, String modifier) {
        return visit.billsOnlyWith(code, modifier);
    }

    /** Column names of the line's cells that could not be read (no edit uses them), or "" when every cell was. */
    public String getUnreadableFields() {
        return line.unreadableFieldNames();
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
        return VisitLines.sameService(line, other.line);
    }

    @Override
    public String toString() {
        return "claim " + line.claimId() + " line " + line.lineNumber() + " " + line.code();
    }
}
