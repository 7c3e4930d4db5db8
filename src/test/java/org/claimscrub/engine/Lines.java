package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds claim lines for rule tests: one patient seen by one lab on 2025-03-10 unless a test says otherwise.
 * Each built line gets the next input position, so report order follows build order.
 */
final class Lines {
    static final String LAB = "1234567893";
    static final String OTHER_LAB = "1245319599";
    static final LocalDate MONDAY = LocalDate.of(2025, 3, 10);
    private static final AtomicLong POSITION = new AtomicLong();

    private String claimId = "C1";
    private int lineNumber = 1;
    private LocalDate dateOfService = MONDAY;
    private final String code;
    private Modifiers modifiers = Modifiers.NONE;
    private int units = 1;
    private String patientId = "PT1";
    private String billingNpi = LAB;
    private ClaimType claimType = ClaimType.PROFESSIONAL;
    private String typeOfBill = "";

    private Lines(String code) {
        this.code = code;
    }

    static Lines line(String code) {
        return new Lines(code);
    }

    Lines claim(String claimId, int lineNumber) {
        this.claimId = claimId;
        this.lineNumber = lineNumber;
        return this;
    }

    Lines on(LocalDate date) {
        this.dateOfService = date;
        return this;
    }

    Lines on(String isoDate) {
        return on(LocalDate.parse(isoDate));
    }

    Lines units(int units) {
        this.units = units;
        return this;
    }

    Lines modifiers(String... modifiers) {
        this.modifiers = new Modifiers(List.of(modifiers));
        return this;
    }

    Lines patient(String patientId) {
        this.patientId = patientId;
        return this;
    }

    Lines billedBy(String npi) {
        this.billingNpi = npi;
        return this;
    }

    Lines institutional(String typeOfBill) {
        this.claimType = ClaimType.INSTITUTIONAL;
        this.typeOfBill = typeOfBill;
        return this;
    }

    ClaimLine build() {
        return new ClaimLine(new SourceRef(0, "test.csv", POSITION.incrementAndGet()), claimId, lineNumber,
                dateOfService, code, modifiers, units, patientId, billingNpi, "", claimType, typeOfBill, "", null,
                List.of(), "", Visit.of(claimId, patientId, billingNpi, dateOfService));
    }
}
