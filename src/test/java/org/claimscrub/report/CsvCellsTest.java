package org.claimscrub.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvCellsTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "=HYPERLINK(\"x\")|'=HYPERLINK(\"x\")", "+1|'+1", "-2+3|'-2+3", "@SUM(A1)|'@SUM(A1)",
        "\tx|'\tx", "C1|C1", "88305|88305", "a=b|a=b", "''|''"})
    void formulaLookingCellsGetALeadingApostrophe(String cell, String expected) {
        assertEquals(expected, CsvCells.neutralise(cell));
    }
}
