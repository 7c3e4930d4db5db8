package org.claimscrub.reference.cms;

/** The shape of a procedure code in CMS tables: five letters or digits (CPT, Category II/III, HCPCS II). */
final class Codes {
    private Codes() {
    }

    /** Five upper-case letters or digits; a loop, not a regex, as PTP loads call it millions of times. */
    static boolean isCode(String text) {
        if (text.length() != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text is all ASCII digits and of that length. */
    static boolean isDigits(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Lower case with all white space and punctuation removed, to match wrapped header cells by name. */
    static String headerKey(String cell) {
        StringBuilder key = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = Character.toLowerCase(cell.charAt(i));
            if (Character.isLetterOrDigit(c)) {
                key.append(c);
            }
        }
        return key.toString();
    }
}
