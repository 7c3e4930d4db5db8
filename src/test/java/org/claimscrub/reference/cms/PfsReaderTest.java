package org.claimscrub.reference.cms;

import org.claimscrub.reference.BilateralIndicator;
import org.claimscrub.reference.GlobalDays;
import org.claimscrub.reference.PcTcIndicator;
import org.claimscrub.reference.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PfsReaderTest {
    private static final String HEADER = "HCPCS,MOD,STATUS CODE,PCTC IND,GLOB DAYS,MULT PROC,BILAT SURG,ASST SURG,"
            + "CO SURG,TEAM SURG\n";

    @TempDir
    Path dir;

    @Test
    void mapsTheIndicatorsByHeaderNameAndKeepsTheCodesOwnRow() throws Exception {
        PfsReader.Result result = new PfsReader().read(CmsTestLines.fixture("PPRRVU25_JAN.csv"));
        assertEquals(6, result.dataRows());
        assertEquals(4, result.rows().size(), "the -26 and -TC rows are not kept");
        assertEquals(PcTcIndicator.DIAGNOSTIC_TEST, result.rows().get("88305").pcTc());
        assertEquals(PcTcIndicator.PHYSICIAN_SERVICE, result.rows().get("99213").pcTc());
        assertEquals(BilateralIndicator.BILATERAL_150, result.rows().get("20610").bilateral());
        assertEquals(StatusCode.CARRIER_PRICED, result.rows().get("0751T").status());
        assertEquals(GlobalDays.ADD_ON, result.rows().get("0751T").globalDays());
    }

    @Test
    void aHeaderStackedOverTwoRowsIsJoined() throws Exception {
        Path above = write("notice,,,,,,,,,\n,,STATUS,PCTC,GLOB,MULT,BILAT,ASST,CO,TEAM\n"
                + "HCPCS,MOD,CODE,IND,DAYS,PROC,SURG,SURG,SURG,SURG\n88305,,A,1,XXX,9,9,9,9,9\n");
        assertEquals(PcTcIndicator.DIAGNOSTIC_TEST, new PfsReader().read(above).rows().get("88305").pcTc());
        Path below = write("HCPCS,MOD,STATUS,PCTC,GLOB,MULT,BILAT,ASST,CO-,TEAM\n"
                + ",,CODE,IND,DAYS,PROC,SURG,SURG,SURG,SURG\n88305,,A,1,XXX,9,9,9,9,9\n");
        assertEquals(GlobalDays.NOT_APPLICABLE, new PfsReader().read(below).rows().get("88305").globalDays());
    }

    @Test
    void anUnknownIndicatorNamesFileLineAndColumn() throws Exception {
        Path file = write("notice,,,,,,,,,\n" + HEADER + "88305,,A,X,XXX,9,9,9,9,9\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new PfsReader().read(file));
        assertTrue(e.getMessage().startsWith(file + " line 3, field PCTC IND: unknown PC/TC indicator 'X'"),
                e.getMessage());
    }

    @Test
    void aQuoteLeftOpenNamesTheLineItStartsOn() throws Exception {
        Path file = write(HEADER + "88305,,A,1,XXX,9,9,9,9,9\n\"88306,,A,1,XXX,9,9,9,9,9\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new PfsReader().read(file));
        assertTrue(e.getMessage().startsWith(file + " line 3: expected a well-formed CSV record (is a quote left"
                + " open?)"), e.getMessage());
    }

    @Test
    void aHeaderWithoutAnIndicatorColumnIsRejected() throws Exception {
        Path file = write("HCPCS,MOD,STATUS CODE\n88305,,A\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new PfsReader().read(file)).getMessage()
                .startsWith(file + " line 1: expected a 'PCTC IND' column in the header"));
    }

    @Test
    void aFileWithoutTheHeaderIsNotAFeeScheduleFile() throws Exception {
        Path file = write("code,status\n88305,A\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new PfsReader().read(file)).getMessage()
                .startsWith(file + ": not a CMS PFS relative value file"));
    }

    @Test
    void theFileAsCmsPublishesItSince2026LoadsWithItsPricIndColumnAndEndOfFileRecord() throws Exception {
        PfsReader.Result result = new PfsReader().read(CmsTestLines.fixture("PPRRVU2026_Jan_nonQPP.csv"));
        assertEquals(8, result.dataRows());
        assertEquals(6, result.rows().size());
        assertEquals(GlobalDays.ADD_ON, result.rows().get("88341").globalDays());
        assertEquals(StatusCode.STATUTORY_EXCLUSION, result.rows().get("0002M").status(), "MAAA code read");
        assertEquals(PcTcIndicator.NOT_APPLICABLE, result.rows().get("0001A").pcTc(), "vaccine code read");
        assertEquals(GlobalDays.DAYS_0, result.rows().get("20610").globalDays());
        assertEquals(List.of(), result.notes(), "nothing to normalise in a file as published");
    }

    @Test
    void theEndOfFileRecordEndsTheFileButARecordAfterItIsAnError() throws Exception {
        Path clean = write(HEADER + "88305,,A,1,XXX,0,0,0,0,0\r\n\u001A,,,,,,,,,\r\n");
        assertEquals(1, new PfsReader().read(clean).dataRows());
        Path bare = write(HEADER + "88305,,A,1,XXX,0,0,0,0,0\n\u001A\n");
        assertEquals(1, new PfsReader().read(bare).dataRows());
        Path after = write(HEADER + "88305,,A,1,XXX,0,0,0,0,0\n\u001A,,,,,,,,,\n88307,,A,1,XXX,0,0,0,0,0\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new PfsReader().read(after));
        assertEquals(after + " line 4: expected nothing after the end-of-file record (byte 0x1A) on line 3;"
                + " found another record", e.getMessage());
    }

    @Test
    void aSpreadsheetResaveIsNormalisedNeverRejectedAndTheNormalisationIsCounted() throws Exception {
        PfsReader.Result result = new PfsReader().read(CmsTestLines.fixture("PPRRVU25_APR_spreadsheet-resave.csv"));
        assertEquals(6, result.dataRows());
        assertEquals(StatusCode.ANESTHESIA, result.rows().get("00100").status(), "100 is 00100");
        assertEquals(GlobalDays.DAYS_10, result.rows().get("10060").globalDays());
        assertEquals(GlobalDays.DAYS_0, result.rows().get("19081").globalDays());
        assertEquals(GlobalDays.DAYS_90, result.rows().get("27130").globalDays());
        assertEquals(GlobalDays.NOT_APPLICABLE, result.rows().get("88305").globalDays());
        assertEquals(List.of("1 HCPCS codes zero-padded to 5 digits (e.g. 100 -> 00100)",
                "3 GLOB DAYS values zero-padded to 3 digits (e.g. 10 -> 010)"), result.notes());
    }

    @Test
    void aValueStillWrongAfterNormalisingIsAnError() throws Exception {
        Path file = write(HEADER + "88305,,A,1,1,0,0,0,0,0\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new PfsReader().read(file));
        assertTrue(e.getMessage().startsWith(file + " line 2, field GLOB DAYS: unknown global days value '1'"),
                e.getMessage());
        Path code = write(HEADER + "0001X,,A,1,XXX,0,0,0,0,0\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new PfsReader().read(code)).getMessage()
                .contains("line 2, field HCPCS: expected a CPT or HCPCS code: 5 digits (e.g. 88305), 4 digits + F, T,"
                        + " U, M or A"));
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("PPRRVU25_JAN.csv");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }
}
