package org.claimscrub.reference.cms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AocReaderTest {
    private static final LocalDate DOS = LocalDate.of(2025, 2, 3);
    private static final String HEADER = "Add-On Code  Primary Code  AOC Edit Type  AOC Edit Effective Date  "
            + "AOC Edit Deletion Date\n";

    @TempDir
    Path dir;

    @Test
    void readsTheFixedWidthColumnsByTheirHeaderNames() throws Exception {
        AocReader.Result result = new AocReader().read(CmsTestLines.fixture("AOC_V2025Q1.txt"));
        assertEquals(8, result.rows());
        AddOnEdit ihc = result.table().edit("88341", DOS);
        assertEquals(AddOnEditType.LISTED_PRIMARIES_ONLY, ihc.type());
        assertEquals(List.of("88342", "88344"), ihc.primaries());
        assertEquals("88342 or 88344", ihc.primaryList());
        assertEquals(AddOnEditType.CONTRACTOR_DEFINED, result.table().edit("99417", DOS).type());
        assertEquals(List.of(), result.table().edit("99417", DOS).primaries());
        assertEquals(AddOnEditType.LISTED_AND_CONTRACTOR_DEFINED, result.table().edit("22552", DOS).type());
        assertNull(result.table().edit("88305", DOS), "not an add-on");
    }

    @Test
    void readsTheUnderscoredColumnNamesInAnyOrder() throws Exception {
        Path file = write("notice\n"
                + "AOC_Edit_Type Add-On_Code AOC_DelDT Primary_Code Primary_Code_DelDT AOC_Edit_EffDT AOC_Edit_DelDT\n"
                + "1             88185                 88184                           2000001        2024366\n");
        AddOnTable table = new AocReader().read(file).table();
        assertEquals(List.of("88184"), table.edit("88185", LocalDate.of(2024, 12, 31)).primaries());
        assertNull(table.edit("88185", LocalDate.of(2025, 1, 1)));
    }

    @Test
    void julianDatesBoundTheRowsInclusive() throws Exception {
        AddOnTable table = new AocReader().read(CmsTestLines.fixture("AOC_V2025Q1.txt")).table();
        assertEquals("88364", table.edit("88364", LocalDate.of(2024, 12, 31)).addOn());
        assertNull(table.edit("88364", LocalDate.of(2025, 1, 1)));
        assertNull(table.edit("0856T", LocalDate.of(2023, 12, 31)));
        assertEquals("0856T", table.edit("0856T", LocalDate.of(2024, 1, 1)).addOn());
    }

    @Test
    void anUnknownEditTypeNamesFileLineAndColumn() throws Exception {
        Path file = write(HEADER + "88185        88184         4              2000001\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new AocReader().read(file));
        assertEquals(file + " line 2, field AOC Edit Type: expected the edit type 1, 2 or 3, found '4'",
                e.getMessage());
    }

    @Test
    void aBadJulianDateIsRejected() throws Exception {
        Path file = write(HEADER + "88185        88184         1              2025400\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new AocReader().read(file)).getMessage()
                .endsWith("line 2, field AOC Edit Effective Date: expected a Julian date YYYYDDD, found '2025400'"));
    }

    @Test
    void aFileInNeitherLayoutIsNotAnAddOnCodeEditFile() throws Exception {
        Path file = write("88185 88184 1 2000001\n");
        String message = assertThrows(CmsFileException.class, () -> new AocReader().read(file)).getMessage();
        assertTrue(message.startsWith(file + ": not a CMS add-on code edit file: expected fixed-width edit rows"
                + " (edit type in column 1, add-on code in 2-6"), message);
        assertTrue(message.endsWith("or a header line naming 'Add-On Code', 'Primary Code', 'AOC Edit Type',"
                + " 'AOC Edit Effective Date', 'AOC Edit Deletion Date'"), message);
    }

    @Test
    void theHeaderlessFixedWidthFileAsCmsPublishesItIsReadByColumnPosition() throws Exception {
        AocReader.Result result = new AocReader().read(CmsTestLines.fixture("AOC_V2026Q1_headerless.txt"));
        assertEquals(6, result.rows());
        assertEditsOfTheAocFixtures(result.table());
    }

    @Test
    void aCsvExportOfTheXlsxIsReadByItsJulianHeaders() throws Exception {
        AocReader.Result result = new AocReader().read(CmsTestLines.fixture("AOC_V2026Q1_xlsx-export.csv"));
        assertEquals(6, result.rows());
        assertEditsOfTheAocFixtures(result.table());
    }

    /** The two 2026 fixtures hold the same made-up edits in two layouts. */
    private static void assertEditsOfTheAocFixtures(AddOnTable table) {
        LocalDate dos = LocalDate.of(2026, 2, 3);
        AddOnEdit ihc = table.edit("88341", dos);
        assertEquals(AddOnEditType.LISTED_PRIMARIES_ONLY, ihc.type());
        assertEquals(List.of("88342", "88344"), ihc.primaries());
        assertNull(table.edit("88185", dos), "deleted 2025365 (2025-12-31)");
        assertEquals("88184", table.edit("88185", LocalDate.of(2025, 12, 31)).primaryList());
        assertEquals(AddOnEditType.CONTRACTOR_DEFINED, table.edit("99417", dos).type());
        assertEquals(AddOnEditType.LISTED_AND_CONTRACTOR_DEFINED, table.edit("22552", dos).type());
        assertNull(table.edit("0856T", LocalDate.of(2023, 12, 31)));
        assertEquals("88348", table.edit("0856T", dos).primaryList());
    }

    @Test
    void aBadHeaderlessRowNamesItsColumn() throws Exception {
        Path file = write("188341*      88342*      2015001*\n188341*      8834X*      2015001*\n");
        CmsFileException e = assertThrows(CmsFileException.class, () -> new AocReader().read(file));
        assertTrue(e.getMessage().startsWith(file + " line 2, field Primary Code: expected a CPT or HCPCS code:"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(", or CCCCC, found '8834X'"), e.getMessage());
        Path date = write("188341*      88342*      2015400*\n");
        assertThrows(CmsFileException.class, () -> new AocReader().read(date), "day 400 is no Julian date");
    }

    @Test
    void aCommaInAFixedWidthHeaderDoesNotMakeItCsv() throws Exception {
        Path file = write("Add-On Code  Primary Code  AOC Edit Type  AOC Edit Effective Date  AOC Edit Deletion Date"
                + "  Notes, if any\n88185        88184         1              2000001                  *\n");
        assertEquals("88184", new AocReader().read(file).table().edit("88185", DOS).primaryList());
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("AOC_V2025Q1.txt");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }
}
