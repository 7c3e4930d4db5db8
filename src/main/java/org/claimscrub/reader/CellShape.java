package org.claimscrub.reader;

/**
 * What a cell looks like, for reject reasons that never quote a value: a header swap can put a patient id in any
 * column, so a reason says "14 characters with letters and digits" and the analyst finds the cell by file, line
 * and field.
 */
final class CellShape {
    private CellShape() {
    }

    static String of(String value) {
        int letters = 0;
        int digits = 0;
        int spaces = 0;
        int length = value.codePointCount(0, value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            } else if (Character.isWhitespace(c)) {
                spaces++;
            }
        }
        if (digits == length) {
            return length + (length == 1 ? " digit" : " digits");
        }
        StringBuilder kinds = new StringBuilder();
        boolean others = letters + digits + spaces < value.length();
        String[] names = {letters > 0 ? "letters" : null, digits > 0 ? "digits" : null,
                spaces > 0 ? "spaces" : null, others ? "other characters" : null};
        int count = 0;
        for (String name : names) {
            count += name != null ? 1 : 0;
        }
        int written = 0;
        for (String name : names) {
            if (name != null) {
                kinds.append(written == 0 ? "" : written == count - 1 ? " and " : ", ").append(name);
                written++;
            }
        }
        return length + (length == 1 ? " character" : " characters") + " with " + kinds;
    }
}
