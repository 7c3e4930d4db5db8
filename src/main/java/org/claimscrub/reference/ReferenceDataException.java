package org.claimscrub.reference;

/** A reference table that is missing or malformed; the message names file, line and field. */
public class ReferenceDataException extends Exception {
    public ReferenceDataException(String message) {
        super(message);
    }
}
