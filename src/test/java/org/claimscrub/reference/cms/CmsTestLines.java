package org.claimscrub.reference.cms;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Claim lines and fixture paths for the CMS table tests; lines are numbered in the order they are made. */
public final class CmsTestLines {
    public static final Path FIXTURES = Path.of("src/test/resources/cms");
    public static final String PATIENT = "PT-CMS-1";
    public static final String BILLING_NPI = "1234567893";

    private long next = 1;
    private String patient = PATIENT;
    private ClaimType claimType = ClaimType.PROFESSIONAL;

    public static Path fixture(String name) {
        return FIXTURES.resolve(name);
    }

    /** Lines made after this call are for another patient. */
    public CmsTestLines patient(String patientId) {
        this.patient = patientId;
        return this;
    }

    /** Lines made after this call are on institutional (hospital outpatient, 0131) claims. */
    public CmsTestLines institutional() {
        this.claimType = ClaimType.INSTITUTIONAL;
        return this;
    }

    public ClaimLine line(String claimId, String dateOfService, String code, int units, String... modifiers) {
        LocalDate dos = LocalDate.parse(dateOfService);
        long n = next++;
        boolean hospital = claimType == ClaimType.INSTITUTIONAL;
        return new ClaimLine(new SourceRef(0, "test.csv", n), claimId, (int) n, dos, code, Modifiers.of(modifiers),
                units, patient, BILLING_NPI, "", claimType, hospital ? "0131" : "", hospital ? "" : "81",
                BigDecimal.TEN, List.of(), hospital ? "0310" : "", Visit.of(claimId, patient, BILLING_NPI, dos));
    }
}
