package org.claimscrub.reference.cms;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;

/**
 * Which claims a CMS edit table is written for. Practitioner and DME supplier tables apply to professional
 * claims (a DME table is consulted for codes the practitioner table does not list); outpatient hospital tables
 * apply to institutional claims.
 */
public enum CmsSetting {
    PRACTITIONER("practitioner", ClaimType.PROFESSIONAL),
    OUTPATIENT_HOSPITAL("outpatient hospital", ClaimType.INSTITUTIONAL),
    DME("DME supplier", ClaimType.PROFESSIONAL);

    private final String label;
    private final ClaimType claimType;

    CmsSetting(String label, ClaimType claimType) {
        this.label = label;
        this.claimType = claimType;
    }

    public String label() {
        return label;
    }

    public boolean appliesTo(ClaimLine line) {
        return line.claimType() == claimType;
    }
}
