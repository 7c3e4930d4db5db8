package org.claimscrub.reference.cms;

import org.claimscrub.model.CodeForm;

/** Procedure codes and header names as the CMS table readers check them. */
final class Codes {
    /** "expected a CPT or HCPCS code: 5 digits (CPT Category I, e.g. 88305), ...", for the readers' errors. */
    static final String EXPECTED_CODE = "expected a CPT or HCPCS code: " + CodeForm.expectedForms();

    private Codes() {
    }

    /** A code of one of the forms CMS uses ({@link CodeForm}), upper case. */
    static boolean isCode(String text) {
        return CodeForm.isCode(text);
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
