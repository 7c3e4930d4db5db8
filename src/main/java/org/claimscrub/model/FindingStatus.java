package org.claimscrub.model;

/** What the payer and provider overrides made of a finding; findings.csv shows it in lower case. */
public enum FindingStatus {
    /** As the rule raised it. */
    ACTIVE,
    /** Turned off by an override: reported, with the override's reason, but not counted. */
    BYPASSED,
    /** Severity changed by an override; the reason says why. */
    ADJUSTED
}
