package org.claimscrub.reader;

/** One cell that cannot be read; becomes a reject naming the field. */
final class FieldException extends Exception {
    private final String field;

    FieldException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
