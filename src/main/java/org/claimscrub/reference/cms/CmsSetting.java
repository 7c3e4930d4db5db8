package org.claimscrub.reference.cms;

/**
 * Which claims a CMS edit table is written for, as its file says (MUE header, PTP file name). Which setting a
 * claim line is checked against is decided in {@link CmsTables}.
 */
public enum CmsSetting {
    PRACTITIONER("practitioner"),
    OUTPATIENT_HOSPITAL("outpatient hospital"),
    DME("DME supplier");

    private final String label;

    CmsSetting(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
