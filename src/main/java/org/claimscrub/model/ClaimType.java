package org.claimscrub.model;

/** Which claim form a line came from; institutional lines carry a type of bill and a revenue code. */
public enum ClaimType {
    PROFESSIONAL,
    INSTITUTIONAL
}
