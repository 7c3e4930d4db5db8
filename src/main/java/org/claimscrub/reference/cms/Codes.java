package org.claimscrub.reference.cms;

import java.util.regex.Pattern;

/** The shape of a procedure code in CMS tables: five letters or digits (CPT, Category II/III, HCPCS II). */
final class Codes {
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{5}");

    private Codes() {
    }

    static boolean isCode(String text) {
        return CODE.matcher(text).matches();
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
