package org.claimscrub.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The forms a procedure code takes on claims and in the CMS tables (CPT and HCPCS Level II), the one definition
 * every reader checks codes against. Each form is five upper-case characters: CPT Category I is five digits; the
 * other CPT forms are four digits and a letter naming the kind; HCPCS Level II is a letter and four digits.
 */
public enum CodeForm {
    CPT_CATEGORY_I("CPT Category I", "5 digits", "88305", '\0'),
    CPT_CATEGORY_II("CPT Category II", "4 digits + F", "3008F", 'F'),
    CPT_CATEGORY_III("CPT Category III", "4 digits + T", "0751T", 'T'),
    PLA("CPT proprietary laboratory analysis (PLA)", "4 digits + U", "0001U", 'U'),
    MAAA("CPT multianalyte assay with algorithmic analysis (MAAA)", "4 digits + M", "0002M", 'M'),
    VACCINE("CPT vaccine product or administration", "4 digits + A", "0001A", 'A'),
    HCPCS_LEVEL_II("HCPCS Level II", "letter + 4 digits", "G0416", '\0');

    private static final String EXPECTED = expected();

    private final String label;
    private final String pattern;
    private final String example;
    /** The letter after four digits, for the CPT forms that have one. */
    private final char suffix;

    CodeForm(String label, String pattern, String example, char suffix) {
        this.label = label;
        this.pattern = pattern;
        this.example = example;
        this.suffix = suffix;
    }

    /**
     * The form of an upper-case code, or null when it is none of them. A loop, not a regex: table loads call it
     * for every row of files with millions of rows.
     */
    public static CodeForm of(String code) {
        if (code.length() != 5) {
            return null;
        }
        for (int i = 1; i < 4; i++) {
            if (!isDigit(code.charAt(i))) {
                return null;
            }
        }
        char first = code.charAt(0);
        char last = code.charAt(4);
        if (isDigit(first)) {
            if (isDigit(last)) {
                return CPT_CATEGORY_I;
            }
            for (CodeForm form : values()) {
                if (form.suffix == last) {
                    return form;
                }
            }
            return null;
        }
        return first >= 'A' && first <= 'Z' && isDigit(last) ? HCPCS_LEVEL_II : null;
    }

    /** Whether the upper-case text is a code of one of the forms. */
    public static boolean isCode(String code) {
        return of(code) != null;
    }

    /**
     * The forms in a phrase for error messages: "5 digits (e.g. 88305), 4 digits + F, T, U, M or A (e.g. 3008F,
     * 0751T, 0001U, 0002M, 0001A) or a letter + 4 digits (e.g. G0416)".
     */
    public static String expectedForms() {
        return EXPECTED;
    }

    private static String expected() {
        List<String> letters = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        for (CodeForm form : values()) {
            if (form.suffix != '\0') {
                letters.add(String.valueOf(form.suffix));
                examples.add(form.example);
            }
        }
        return "5 digits (e.g. " + CPT_CATEGORY_I.example + "), 4 digits + "
                + String.join(", ", letters.subList(0, letters.size() - 1)) + " or " + letters.get(letters.size() - 1)
                + " (e.g. " + String.join(", ", examples) + ") or a letter + 4 digits (e.g. " + HCPCS_LEVEL_II.example
                + ")";
    }

    public String label() {
        return label;
    }

    /** "4 digits + M". */
    public String pattern() {
        return pattern;
    }

    public String example() {
        return example;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
