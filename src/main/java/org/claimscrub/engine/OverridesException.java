package org.claimscrub.engine;

/** The overrides file cannot be used; the message names the file, line and field. */
public class OverridesException extends Exception {
    public OverridesException(String message) {
        super(message);
    }
}
