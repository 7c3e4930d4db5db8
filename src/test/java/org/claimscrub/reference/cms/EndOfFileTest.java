package org.claimscrub.reference.cms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CMS table reader ends a file at the DOS end-of-file record and refuses data after it. */
class EndOfFileTest {
    @TempDir
    Path dir;

    private interface Rows {
        long read(Path file) throws CmsFileException;
    }

    private void endsAtTheMark(String fixture, String mark, String after, Rows rows) throws Exception {
        Path original = CmsTestLines.fixture(fixture);
        long expected = rows.read(original);
        String text = Files.readString(original, StandardCharsets.ISO_8859_1);
        Path ended = Files.writeString(dir.resolve(fixture), text + mark, StandardCharsets.ISO_8859_1);
        assertEquals(expected, rows.read(ended), fixture);
        Files.writeString(ended, text + mark + after, StandardCharsets.ISO_8859_1);
        CmsFileException e = assertThrows(CmsFileException.class, () -> rows.read(ended));
        assertTrue(e.getMessage().contains("expected nothing after the end-of-file record (byte 0x1A)"),
                e.getMessage());
    }

    @Test
    void pfs() throws Exception {
        endsAtTheMark("PPRRVU25_JAN.csv", "\u001A,,,,,,,,,,,,,\r\n", "99214,,x,A,,1,0,XXX,0,0,0,0,0,32\r\n",
                f -> new PfsReader().read(f).dataRows());
    }

    @Test
    void mue() throws Exception {
        endsAtTheMark("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv", "\u001A,,,\r\n", "99214,1,2 Policy,x\r\n",
                f -> new MueReader().read(f).rows());
    }

    @Test
    void ptp() throws Exception {
        endsAtTheMark("ccipra-v310r0-f1.txt", "\u001A\r\n", "88305\t88300\t\t20250101\t*\t1\tx\r\n",
                f -> new PtpReader().read(f, new PtpIndex.Builder()).rows());
    }

    @Test
    void aoc() throws Exception {
        endsAtTheMark("AOC_V2026Q1_headerless.txt", "\u001A", "\r\n188341*      88342*      2015001*\r\n",
                f -> new AocReader().read(f).rows());
    }

    @Test
    void theMarkIsTheByteAloneOrWithEmptyCells() {
        assertTrue(EndOfFile.isMark("\u001A") && EndOfFile.isMark("\u001A,,,") && EndOfFile.isMark("\u001A\t\t"));
        assertFalse(EndOfFile.isMark("\u001A,88305") || EndOfFile.isMark("88305") || EndOfFile.isMark(""));
        assertTrue(EndOfFile.isMark(new String[] {"\u001A", "", " "}));
        assertFalse(EndOfFile.isMark(new String[] {"\u001A", "x"}));
    }
}
