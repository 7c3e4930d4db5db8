package org.claimscrub.reference.cms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MueReaderTest {
    private static final String HEADER = "\"HCPCS/\r\nCPT Code\",\"Practitioner Services MUE Values\","
            + "\"MUE Adjudication Indicator\",\"MUE Rationale\"\r\n";

    @TempDir
    Path dir;

    @Test
    void readsTheCmsLayoutWithItsNoticeRecordAndWrappedHeader() throws Exception {
        Path file = CmsTestLines.fixture("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv");
        MueReader.Result result = new MueReader().read(file);
        assertEquals(CmsSetting.PRACTITIONER, result.table().setting());
        assertEquals(5, result.rows());
        MueLimit limit = result.table().limit("88341");
        assertEquals(3, limit.value());
        assertEquals(MueAdjudication.LINE, limit.mai());
        assertEquals(MueAdjudication.POLICY, result.table().limit("88312").mai());
        assertEquals(MueAdjudication.CLINICAL, result.table().limit("88305").mai());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
                result.sha256());
    }

    @Test
    void readsTheSettingFromTheValuesColumn() throws Exception {
        MueReader.Result result = new MueReader().read(
                CmsTestLines.fixture("MCR_MUE_OutpatientHospitalServices_Eff_01-01-2025.csv"));
        assertEquals(CmsSetting.OUTPATIENT_HOSPITAL, result.table().setting());
    }

    @Test
    void headerNamesAreMatchedWithoutCaseSpacesOrASettingPrefix() throws Exception {
        Path file = write("\"HCPCS/CPT CODE\",\"practitioner services MUE values\","
                + "\"Practitioner Services MUE Adjudication Indicator\"\r\n\"88305\",\"4\",\"3 Clinical\"\r\n");
        assertEquals(MueAdjudication.CLINICAL, new MueReader().read(file).table().limit("88305").mai());
    }

    @Test
    void anMaiWithoutALeadingDigitNamesFileLineAndField() throws Exception {
        Path file = write("\"notice\"\r\n" + HEADER + "\"88305\",\"4\",\"Date of Service Edit\",\"x\"\r\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new MueReader().read(file));
        assertEquals(file + " line 4, field MUE Adjudication Indicator: expected text starting with the MAI 1, 2 or 3"
                + " (e.g. '2 Date of Service Edit: Policy'), found 'Date of Service Edit'", e.getMessage());
    }

    @Test
    void aBadCodeOrValueIsRejectedWithItsLine() throws Exception {
        Path badCode = write(HEADER + "\"8830\",\"4\",\"3 Clinical\",\"x\"\r\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new MueReader().read(badCode)).getMessage()
                .contains("line 3, field HCPCS/CPT Code: expected a CPT or HCPCS code: 5 digits"));
        Path badValue = write(HEADER + "\"88305\",\"-1\",\"3 Clinical\",\"x\"\r\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new MueReader().read(badValue)).getMessage()
                .contains("line 3, field Practitioner Services MUE Values: expected a whole number"));
    }

    @Test
    void aFileWithoutTheMueHeaderIsNotAnMueTable() throws Exception {
        Path file = write("code,units\r\n88305,4\r\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new MueReader().read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a CMS MUE table: expected a header row"), e.getMessage());
    }

    @Test
    void aHeaderWithoutTheMaiColumnIsRejected() throws Exception {
        Path file = write("\"HCPCS/CPT Code\",\"Practitioner Services MUE Values\"\r\n\"88305\",\"4\"\r\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new MueReader().read(file));
        assertEquals(file + " line 1: expected a 'MUE Adjudication Indicator' column", e.getMessage());
    }

    @Test
    void aCodeListedTwiceIsRejected() throws Exception {
        Path file = write(HEADER + "\"88305\",\"4\",\"3 C\",\"x\"\r\n\"88305\",\"2\",\"3 C\",\"x\"\r\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new MueReader().read(file)).getMessage()
                .contains("line 4, field HCPCS/CPT Code: code 88305 is listed twice"));
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }
}
