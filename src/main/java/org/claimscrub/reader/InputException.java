package org.claimscrub.reader;

/** An input file that cannot be read at all (missing, no header, a required column absent). */
public class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
