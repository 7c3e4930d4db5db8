package org.claimscrub.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shipped tables take the same code forms as claims and the CMS tables (model.CodeForm). */
class ReferenceDataLoaderCodeFormsTest {
    @TempDir
    Path dir;

    private void tables(String codes) throws Exception {
        Files.writeString(dir.resolve("codes.csv"), "code,label,effective_date,sunset_date\n" + codes);
        Files.writeString(dir.resolve("fee-schedule.csv"), "code,status_code,pctc_indicator,global_days,mult_proc,"
                + "bilat_surg,asst_surg,co_surg,team_surg,basis\n0002M,X,9,XXX,9,9,9,9,9,made up\n");
        Files.writeString(dir.resolve("opps-status.csv"), "code,status_indicator\n");
    }

    @Test
    void maaaVaccineAndPlaCodesAreRead() throws Exception {
        tables("0002M,made-up MAAA,,\n0001A,made-up vaccine,,\n0001U,made-up PLA,,\n");
        ReferenceData data = new ReferenceDataLoader().load(dir);
        assertEquals(StatusCode.STATUTORY_EXCLUSION, data.code("0002M").status());
        assertEquals("made-up vaccine", data.code("0001A").label());
    }

    @Test
    void aCodeOfNoFormIsNamedWithTheFormsExpected() throws Exception {
        tables("0002M,x,,\n0001X,x,,\n");
        ReferenceDataException e = assertThrows(ReferenceDataException.class,
                () -> new ReferenceDataLoader().load(dir));
        assertEquals(dir.resolve("codes.csv") + " line 3, field code: '0001X' is not a CPT or HCPCS code: expected"
                + " 5 digits (e.g. 88305), 4 digits + F, T, U, M or A (e.g. 3008F, 0751T, 0001U, 0002M, 0001A) or a"
                + " letter + 4 digits (e.g. G0416)", e.getMessage());
    }
}
