package org.claimscrub.report;

import com.opencsv.ICSVWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvCellsTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "=HYPERLINK(\"x\")|'=HYPERLINK(\"x\")", "+1|'+1", "-2+3|'-2+3", "@SUM(A1)|'@SUM(A1)",
        "\tx|'\tx", "C1|C1", "88305|88305", "0753T|0753T", "a=b|a=b", "''|''"})
    void formulaLookingCellsGetALeadingApostrophe(String cell, String expected) {
        assertEquals(expected, CsvCells.neutralise(cell));
    }

    @Test
    void appendQuotesExactlyAsOpencsvDoes() {
        List<String> shortCells = List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "'=x",
                "tab\there", "x".repeat(23) + ",", "\"" + "x".repeat(23));
        List<String> all = new ArrayList<>(shortCells);
        for (String cell : shortCells) {
            all.add("a cell longer than the short ones: " + cell);  // scanned the other way
        }
        all.add("x".repeat(24) + ",");
        assertQuotedAsOpencsv(all.toArray(String[]::new));
    }

    @Test
    void cellsAtEitherSideOfTheShortLengthQuoteAsOpencsvDoes() {
        List<String> cells = new ArrayList<>();
        for (int length = 20; length <= 30; length++) {
            for (char special : new char[] {',', '"', '\n', '\r', 'x'}) {
                for (String filler : List.of("x", "\u00e9", "\ud83d\ude00")) {
                    String body = filler.repeat(length).substring(0, length - 1);
                    cells.add(special + body);
                    cells.add(body + special);
                }
            }
        }
        assertQuotedAsOpencsv(cells.toArray(String[]::new));
    }

    private static void assertQuotedAsOpencsv(String[] cells) {
        StringWriter expected = new StringWriter();
        ICSVWriter csv = CsvCells.writer(expected);
        csv.writeNext(cells, false);
        csv.flushQuietly();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            CsvCells.append(row, cells[i]);
        }
        assertEquals(expected.toString(), row.append('\n').toString());
    }
}
