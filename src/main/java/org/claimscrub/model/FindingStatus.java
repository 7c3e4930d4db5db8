package org.claimscrub.model;

import java.util.Locale;

/** What the payer and provider overrides made of a finding; the reports show it in lower case ({@link #label}). */
public enum FindingStatus {
    /** As the rule raised it. */
    ACTIVE,
    /** Turned off by an override: reported, with the override's reason, but not counted. */
    BYPASSED,
    /** Severity changed by an override; the reason says why. */
    ADJUSTED;

    /** Made once: every row of every report has one. */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** "active", "bypassed", "adjusted". */
    public String label() {
        return label;
    }
}
