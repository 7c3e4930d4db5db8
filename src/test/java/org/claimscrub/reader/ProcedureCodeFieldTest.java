package org.claimscrub.reader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Claim lines take every code form CMS uses, as the table readers do (one definition: model.CodeForm). */
class ProcedureCodeFieldTest {

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {"88305", "3008F", "0751T", "0001U", "0002M", "0016M", "0001A", "G0416"})
    void everyCodeFormIsAccepted(String code) throws Exception {
        assertEquals(code, Fields.procedureCode("procedure_code", code));
    }

    @Test
    void lowerCaseIsReadAsUpperCase() throws Exception {
        assertEquals("0002M", Fields.procedureCode("procedure_code", "0002m"));
    }

    @Test
    void anythingElseIsRejectedWithTheFormsItCouldHaveBeen() {
        FieldException e = assertThrows(FieldException.class, () -> Fields.procedureCode("procedure_code", "0001X"));
        assertEquals("procedure_code", e.field());
        assertEquals("5 characters with letters and digits, not a CPT or HCPCS code: expected 5 digits (e.g. 88305), 4 digits + F, T, U, M or A"
                + " (e.g. 3008F, 0751T, 0001U, 0002M, 0001A) or a letter + 4 digits (e.g. G0416)", e.getMessage());
    }
}
