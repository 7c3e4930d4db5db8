package org.claimscrub.reference.cms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PtpReaderTest {
    private static final String HEADER = "notice\ntitle\nColumn 1\tColumn 2\t*=in existence\tEffective\tDeletion\t"
            + "Modifier\tPTP Edit Rationale\n\t\tprior to 1996\tDate\tDate\t0=not allowed\t\n";

    @TempDir
    Path dir;

    private static PtpIndex fixtureIndex() throws CmsFileException {
        PtpIndex.Builder builder = new PtpIndex.Builder();
        PtpReader.Result f1 = new PtpReader().read(CmsTestLines.fixture("ccipra-v310r0-f1.txt"), builder);
        PtpReader.Result f2 = new PtpReader().read(CmsTestLines.fixture("ccipra-v310r0-f2.txt"), builder);
        assertEquals(5, f1.rows());
        assertEquals(1, f2.rows());
        return builder.build("ccipra v31.0r0");
    }

    @Test
    void findsAnEditByColumnOneAndColumnTwo() throws Exception {
        PtpIndex index = fixtureIndex();
        PtpEdit edit = index.find("88305", "88300", LocalDate.of(2025, 2, 1));
        assertEquals(PtpModifierIndicator.NOT_ALLOWED, edit.modifierIndicator());
        assertEquals(LocalDate.of(1996, 1, 1), edit.effective());
        assertNull(edit.deletion());
        assertEquals("Made-up rationale A (test fixture)", edit.rationale());
        assertNull(index.find("88300", "88305", LocalDate.of(2025, 2, 1)), "the pair is ordered");
        assertEquals(PtpModifierIndicator.ALLOWED, index.find("88312", "88313", LocalDate.of(2025, 2, 1))
                .modifierIndicator(), "rows of f2 join the same index");
        assertEquals(6, index.size());
    }

    @Test
    void anEditAppliesFromItsEffectiveDateThroughItsDeletionDate() throws Exception {
        PtpIndex index = fixtureIndex();
        assertNull(index.find("88309", "88304", LocalDate.of(2025, 2, 28)));
        assertEquals("88304", index.find("88309", "88304", LocalDate.of(2025, 3, 1)).column2());
        assertEquals(LocalDate.of(2025, 2, 15), index.find("88331", "88329", LocalDate.of(2025, 2, 15)).deletion());
        assertNull(index.find("88331", "88329", LocalDate.of(2025, 2, 16)));
    }

    @Test
    void knowsEveryCodeOfEitherColumn() throws Exception {
        PtpIndex index = fixtureIndex();
        assertTrue(index.knows("88305"));
        assertTrue(index.knows("88313"));
        assertFalse(index.knows("99213"));
    }

    @Test
    void unsortedRowsAndRepeatedPairsAreFoundAndTheStrictestInForceWins() throws Exception {
        Path file = write(HEADER
                + "99213\t36415\t\t20200101\t*\t1\tlater pair\n"
                + "11111\t22222\t\t20200101\t20201231\t0\told\n"
                + "11111\t22222\t\t20210101\t*\t1\tnew\n"
                + "11111\t22222\t\t20210601\t*\t0\tstricter overlap\n");
        PtpIndex.Builder builder = new PtpIndex.Builder();
        new PtpReader().read(file, builder);
        PtpIndex index = builder.build("t");
        assertEquals("old", index.find("11111", "22222", LocalDate.of(2020, 6, 1)).rationale());
        assertEquals("new", index.find("11111", "22222", LocalDate.of(2021, 3, 1)).rationale());
        assertEquals("stricter overlap", index.find("11111", "22222", LocalDate.of(2021, 7, 1)).rationale());
        assertEquals("later pair", index.find("99213", "36415", LocalDate.of(2021, 7, 1)).rationale());
    }

    @Test
    void aBadModifierIndicatorNamesFileLineAndField() throws Exception {
        Path file = write(HEADER + "88305\t88300\t*\t19960101\t*\t2\tx\n");
        CmsFileException e = assertThrows(CmsFileException.class,
                () -> new PtpReader().read(file, new PtpIndex.Builder()));
        assertEquals(file + " line 5, field Modifier: expected the modifier indicator 0, 1 or 9, found '2'",
                e.getMessage());
    }

    @Test
    void badDatesAreRejected() throws Exception {
        Path deletion = write(HEADER + "88305\t88300\t\t19960101\t2025-01-01\t1\tx\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new PtpReader().read(deletion, new PtpIndex.Builder()))
                .getMessage().endsWith("line 5, field Deletion Date: expected a date as YYYYMMDD or '*' for none,"
                        + " found '2025-01-01'"));
        Path effective = write(HEADER + "88305\t88300\t\t20250230\t*\t1\tx\n");
        assertTrue(assertThrows(CmsFileException.class, () -> new PtpReader().read(effective, new PtpIndex.Builder()))
                .getMessage().contains("field Effective Date: expected a date as YYYYMMDD (a real date"));
    }

    @Test
    void aFileWithoutThePtpHeaderIsRejected() throws Exception {
        Path file = write("Column A\tColumn B\tx\ty\tz\tw\n88305\t88300\t*\t19960101\t*\t1\tx\n");
        CmsFileException e = assertThrows(CmsFileException.class,
                () -> new PtpReader().read(file, new PtpIndex.Builder()));
        assertTrue(e.getMessage().startsWith(file + " line 2: expected the PTP column header"), e.getMessage());
    }

    @Test
    void aStrayLineAmongTheEditsIsRejected() throws Exception {
        Path file = write(HEADER + "88305\t88300\t*\t19960101\t*\t1\tx\nend of file\n");
        CmsFileException e = assertThrows(CmsFileException.class,
                () -> new PtpReader().read(file, new PtpIndex.Builder()));
        assertTrue(e.getMessage().startsWith(file + " line 6: expected a tab-separated edit row"), e.getMessage());
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("ccipra-v310r0-f1.txt");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }
}
