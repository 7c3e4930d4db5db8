package org.claimscrub.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class CodeFormTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"88305,CPT_CATEGORY_I", "00100,CPT_CATEGORY_I", "3008F,CPT_CATEGORY_II", "0751T,CPT_CATEGORY_III",
        "0001U,PLA", "0002M,MAAA", "0016M,MAAA", "0001A,VACCINE", "0004A,VACCINE", "G0416,HCPCS_LEVEL_II",
        "D0120,HCPCS_LEVEL_II", "J9999,HCPCS_LEVEL_II"})
    void everyFormCmsUsesIsRecognised(String code, CodeForm form) {
        assertEquals(form, CodeForm.of(code));
    }

    @ParameterizedTest(name = "{0} is no code")
    @ValueSource(strings = {"8830", "883050", "0001X", "0001B", "GG416", "G041A", "A001A", "88-30", "0751t", "",
        "CCCCC", "8830F1"})
    void otherShapesAreNot(String text) {
        assertNull(CodeForm.of(text));
        assertFalse(CodeForm.isCode(text));
    }

    @Test
    void theMessageNamesEveryForm() {
        assertEquals("5 digits (e.g. 88305), 4 digits + F, T, U, M or A (e.g. 3008F, 0751T, 0001U, 0002M, 0001A)"
                + " or a letter + 4 digits (e.g. G0416)", CodeForm.expectedForms());
    }
}
