package org.claimscrub.reference.cms;

import org.claimscrub.model.ReferenceFile;
import org.claimscrub.reference.GlobalDays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.claimscrub.reference.cms.CmsTestLines.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmsTableLoaderTest {
    private static final String MUE_JAN = fixture("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv").toString();
    private static final String MUE_APR = fixture("MCR_MUE_PractitionerServices_Eff_04-01-2025.csv").toString();

    @TempDir
    Path dir;

    private static CmsTables load(List<String> mue, List<String> ptp, String aoc, String pfs) throws Exception {
        return new CmsTableLoader().load(new CmsTableLoader.Request(mue, ptp, aoc, pfs == null ? null
                : List.of(pfs)));
    }

    @Test
    void nothingRequestedLoadsNothing() throws Exception {
        assertSame(CmsTables.NONE, load(null, null, null, null));
    }

    @Test
    void eachMueTableIsInForceUntilTheNextOneOfItsSettingStarts() throws Exception {
        CmsTables tables = load(List.of(MUE_APR, MUE_JAN), null, null, null);
        CmsTestLines lines = new CmsTestLines();
        assertEquals(4, tables.mue(lines.line("C1", "2025-03-31", "88305", 1)).value());
        assertEquals(1, tables.mue(lines.line("C1", "2025-04-01", "88305", 1)).value());
        assertNull(tables.mue(lines.line("C1", "2024-12-31", "88305", 1)), "no table before the first");
        List<ReferenceFile> files = tables.files();
        assertEquals(2, files.size());
        assertEquals("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv", files.get(0).file());
        assertEquals("2025-01-01 to 2025-03-31", files.get(0).period());
        assertEquals("from 2025-04-01", files.get(1).period());
        assertEquals(5, files.get(0).rows());
        assertEquals(64, files.get(0).sha256().length());
    }

    @Test
    void professionalLinesFallBackToTheDmeTableForCodesThePractitionerTableLacks() throws Exception {
        Path dme = Files.writeString(dir.resolve("MCR_MUE_DMESupplierServices_Eff_01-01-2025.csv"),
                "\"TEST FIXTURE - MADE-UP VALUES\"\r\n\"HCPCS/\r\nCPT Code\",\"DME Supplier Services MUE Values\","
                        + "\"MUE Adjudication Indicator\",\"MUE Rationale\"\r\n\"E0100\",\"1\",\"3 Clinical\",\"x\"\r\n"
                        + "\"88305\",\"9\",\"3 Clinical\",\"x\"\r\n");
        CmsTables tables = load(List.of(MUE_JAN, dme.toString()), null, null, null);
        CmsTestLines lines = new CmsTestLines();
        assertEquals("MCR_MUE_DMESupplierServices_Eff_01-01-2025.csv",
                tables.mue(lines.line("C1", "2025-02-03", "E0100", 1)).table());
        assertEquals(4, tables.mue(lines.line("C1", "2025-02-03", "88305", 1)).value(), "practitioner first");
        assertNull(tables.mue(lines.institutional().line("H1", "2025-02-03", "E0100", 1)));
    }

    @Test
    void theDateAfterTheAtSignWinsOverTheFileName() throws Exception {
        CmsTables tables = load(List.of(MUE_JAN + "@2025-02-01"), null, null, null);
        CmsTestLines lines = new CmsTestLines();
        assertNull(tables.mue(lines.line("C1", "2025-01-31", "88305", 1)));
        assertEquals(4, tables.mue(lines.line("C1", "2025-02-01", "88305", 1)).value());
    }

    @Test
    void ptpFilesOfOneReleaseFormOneTableInForceFromItsQuarter() throws Exception {
        CmsTables tables = load(null, List.of(fixture("ccipra-v310r0-f1.txt").toString(),
                fixture("ccipra-v310r0-f2.txt").toString()), null, null);
        assertEquals(2, tables.files().size());
        assertEquals(LocalDate.of(2025, 1, 1), tables.files().get(0).from(), "version 31.0 is January 2025");
        assertEquals("practitioner", tables.files().get(1).setting());
        CmsTestLines lines = new CmsTestLines();
        assertEquals("88313", tables.ptp(lines.line("C1", "2025-01-02", "88312", 1),
                lines.line("C1", "2025-01-02", "88313", 1)).column2());
        assertNull(tables.ptp(lines.line("C1", "2024-12-31", "88312", 1),
                lines.line("C1", "2024-12-31", "88313", 1)), "the release is not in force before its quarter");
    }

    @Test
    void aPtpFileWithoutItsCmsNameIsRejected() throws Exception {
        Path renamed = Files.copy(fixture("ccipra-v310r0-f1.txt"), dir.resolve("ptp.txt"));
        CmsFileException e = assertThrows(CmsFileException.class,
                () -> load(null, List.of(renamed.toString()), null, null));
        assertTrue(e.getMessage().startsWith(renamed + ": expected a CMS PTP file name"), e.getMessage());
    }

    @Test
    void twoRevisionsOfOneQuarterAreRejected() throws Exception {
        Path r1 = Files.copy(fixture("ccipra-v310r0-f2.txt"), dir.resolve("ccipra-v310r1-f2.txt"));
        CmsFileException e = assertThrows(CmsFileException.class, () -> load(null,
                List.of(fixture("ccipra-v310r0-f1.txt").toString(), r1.toString()), null, null));
        assertTrue(e.getMessage().contains("give the files of one release"), e.getMessage());
    }

    @Test
    void twoTablesOfOneSettingAndDateAreRejected() throws Exception {
        CmsFileException e = assertThrows(CmsFileException.class,
                () -> load(List.of(MUE_JAN, MUE_APR + "@2025-01-01"), null, null, null));
        assertTrue(e.getMessage().contains("are both practitioner MUE tables starting 2025-01-01"), e.getMessage());
    }

    @Test
    void aTableWithoutADateInItsNameNeedsTheAtDate() throws Exception {
        Path renamed = Files.copy(fixture("PPRRVU25_JAN.csv"), dir.resolve("fees.csv"));
        CmsFileException e = assertThrows(CmsFileException.class, () -> load(null, null, null, renamed.toString()));
        assertTrue(e.getMessage().startsWith(renamed + ": cannot tell from which date of service this table applies"),
                e.getMessage());
        assertEquals(LocalDate.of(2025, 3, 1), load(null, null, null, renamed + "@2025-03-01").files().get(0).from());
    }

    @Test
    void theSameFileTwiceIsRejected() {
        String f1 = fixture("ccipra-v310r0-f1.txt").toString();
        CmsFileException e = assertThrows(CmsFileException.class, () -> load(null, List.of(f1, f1), null, null));
        assertTrue(e.getMessage().endsWith("give each table file once"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        CmsFileException e = assertThrows(CmsFileException.class,
                () -> load(null, null, dir.resolve("AOC_V2025Q1.txt").toString(), null));
        assertEquals(dir.resolve("AOC_V2025Q1.txt") + ": file not found", e.getMessage());
    }

    @Test
    void theAddOnFileIsInForceFromTheQuarterInItsName() throws Exception {
        CmsTables tables = load(null, null, fixture("AOC_V2025Q1.txt").toString(), null);
        assertEquals("from 2025-01-01", tables.files().get(0).period());
        CmsTestLines lines = new CmsTestLines();
        assertEquals("88185", tables.addOn(lines.line("C1", "2025-01-01", "88185", 1)).addOn());
        assertNull(tables.addOn(lines.line("C1", "2024-12-31", "88185", 1)));
    }

    @Test
    void pfsFilesAreVersionsByDateLikeTheOtherTables() throws Exception {
        CmsTables tables = new CmsTableLoader().load(new CmsTableLoader.Request(null, null, null, List.of(
                fixture("PPRRVU2026_Jan_nonQPP.csv").toString(), fixture("PPRRVU25_JAN.csv").toString())));
        assertEquals(List.of("2025-01-01 to 2025-12-31", "from 2026-01-01"),
                tables.files().stream().map(ReferenceFile::period).toList());
        assertEquals(GlobalDays.NOT_APPLICABLE, tables.row("88305", LocalDate.of(2025, 12, 31)).globalDays());
        assertNull(tables.row("88341", LocalDate.of(2025, 12, 31)), "the 2025 fixture has no 88341");
        assertEquals(GlobalDays.ADD_ON, tables.row("88341", LocalDate.of(2026, 1, 1)).globalDays());
        assertNull(tables.row("88305", LocalDate.of(2024, 12, 31)));
    }

    @Test
    void aQppAndNonQppPairOfOnePeriodMustAgreeAndTheNonQppFileIsUsed() throws Exception {
        String qpp = fixture("PPRRVU2026_Jan_QPP.csv").toString();
        String nonQpp = fixture("PPRRVU2026_Jan_nonQPP.csv").toString();
        CmsTables tables = new CmsTableLoader().load(new CmsTableLoader.Request(null, null, null,
                List.of(qpp, nonQpp)));
        assertEquals(List.of("PPRRVU2026_Jan_QPP.csv", "PPRRVU2026_Jan_nonQPP.csv"),
                tables.files().stream().map(ReferenceFile::file).toList(), "both files listed as used");
        assertEquals(List.of("from 2026-01-01", "from 2026-01-01"),
                tables.files().stream().map(ReferenceFile::period).toList());
        assertEquals(GlobalDays.ADD_ON, tables.row("88341", LocalDate.of(2026, 3, 1)).globalDays());
    }

    @Test
    void aQppPairThatDisagreesOnAnIndicatorIsRefused() throws Exception {
        Path qpp = dir.resolve("PPRRVU2026_Jan_QPP.csv");
        Files.writeString(qpp, Files.readString(fixture("PPRRVU2026_Jan_QPP.csv"), StandardCharsets.ISO_8859_1)
                .replace("88341,,placeholder,A,,1.00,0.50,,0.40,,0.05,1.55,1.45,1,ZZZ",
                        "88341,,placeholder,A,,1.00,0.50,,0.40,,0.05,1.55,1.45,1,XXX"), StandardCharsets.ISO_8859_1);
        CmsFileException e = assertThrows(CmsFileException.class, () -> new CmsTableLoader().load(
                new CmsTableLoader.Request(null, null, null, List.of(qpp.toString(),
                        fixture("PPRRVU2026_Jan_nonQPP.csv").toString()))));
        assertTrue(e.getMessage().startsWith("PPRRVU2026_Jan_QPP.csv and PPRRVU2026_Jan_nonQPP.csv (the QPP and"
                + " non-QPP files of 2026-01-01) disagree on 88341 (GLOB DAYS XXX in the first file, ZZZ in the"
                + " second)"), e.getMessage());
    }

    @Test
    void twoPfsFilesOfOnePeriodThatAreNoQppPairAreRefused() throws Exception {
        String nonQpp = fixture("PPRRVU2026_Jan_nonQPP.csv").toString();
        CmsFileException e = assertThrows(CmsFileException.class, () -> new CmsTableLoader().load(
                new CmsTableLoader.Request(null, null, null, List.of(nonQpp, fixture("PPRRVU25_JAN.csv")
                        + "@2026-01-01"))));
        assertTrue(e.getMessage().endsWith("give one file per period, or the QPP and non-QPP files of one release"
                + " (names ending _QPP and _nonQPP)"), e.getMessage());
    }

    @Test
    void aSpreadsheetResaveLoadsWithANoteSayingWhatWasNormalised() throws Exception {
        CmsTables tables = load(null, null, null, fixture("PPRRVU25_APR_spreadsheet-resave.csv").toString());
        assertEquals(List.of("PPRRVU25_APR_spreadsheet-resave.csv looks re-saved by a spreadsheet; normalised 1 HCPCS"
                + " codes zero-padded to 5 digits (e.g. 100 -> 00100), 3 GLOB DAYS values zero-padded to 3 digits"
                + " (e.g. 10 -> 010)"), tables.notes());
        assertEquals(List.of(), load(null, null, null, fixture("PPRRVU25_JAN.csv").toString()).notes());
    }

    @Test
    void fileNamePeriodsFollowTheCmsNames() {
        assertEquals(LocalDate.of(2025, 10, 1), FileNamePeriods.ptp("ccioph-v313r0-f4.txt").from());
        assertEquals(CmsSetting.OUTPATIENT_HOSPITAL, FileNamePeriods.ptp("ccioph-v313r0-f4.txt").setting());
        assertEquals(LocalDate.of(2023, 1, 1), FileNamePeriods.ptp("ccipra-v290r0-f1.txt").from());
        assertEquals(LocalDate.of(2025, 7, 1), FileNamePeriods.pfs("PPRRVU25_JUL.csv"));
        assertEquals(LocalDate.of(2026, 1, 1), FileNamePeriods.pfs("PPRRVU2026_Jan_nonQPP.csv"));
        assertEquals(LocalDate.of(2026, 1, 1), FileNamePeriods.pfs("PPRRVU2026_Jan_QPP.csv"));
        assertEquals(LocalDate.of(2026, 7, 1), FileNamePeriods.pfs("PPRRVU2026_Jul_nonQPP.csv"));
        assertEquals(LocalDate.of(2025, 10, 1), FileNamePeriods.pfs("PPRRVU2025_Oct.csv"));
        assertEquals(LocalDate.of(2024, 7, 1), FileNamePeriods.pfs("PPRRVU24_JUL.csv"));
        assertEquals(LocalDate.of(2025, 1, 1), FileNamePeriods.pfs("PPRRVU25_JAN1.csv"));
        assertEquals(FileNamePeriods.PfsVariant.QPP, FileNamePeriods.pfsVariant("PPRRVU2026_Jan_QPP.csv"));
        assertEquals(FileNamePeriods.PfsVariant.NON_QPP, FileNamePeriods.pfsVariant("PPRRVU2026_Jul_nonQPP.csv"));
        assertNull(FileNamePeriods.pfsVariant("PPRRVU2025_Oct.csv"));
        assertEquals(LocalDate.of(2025, 4, 1), FileNamePeriods.mue("MCR_MUE_DMESupplierServices_Eff_04-01-2025.csv"));
        assertNull(FileNamePeriods.mue("mue.csv"));
    }
}
