package org.claimscrub.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTextTest {
    private static String cell(LocalDate date) {
        return new CsvText(true).cell(new StringBuilder(), date).toString();
    }

    @Test
    void aDateCellIsItsIsoTextForEveryYearAnInputCanGive() {
        for (LocalDate d = LocalDate.of(1000, 1, 1); d.getYear() < 1003; d = d.plusDays(1)) {
            assertEquals(d.toString(), cell(d));
        }
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() < 2026; d = d.plusDays(1)) {
            assertEquals(d.toString(), cell(d));
        }
        assertEquals("9999-12-31", cell(LocalDate.of(9999, 12, 31)));
    }

    @Test
    void aDateOutsideFourDigitYearsOrNoneIsWrittenAsAnyOtherCell() {
        assertEquals("0999-05-01", cell(LocalDate.of(999, 5, 1)));
        assertEquals("'+10000-01-01", cell(LocalDate.of(10_000, 1, 1)), "so does a plus sign");
        assertEquals("'-0001-01-01", cell(LocalDate.of(-1, 1, 1)), "a minus sign still gets the formula guard");
        assertEquals("", cell(null));
    }
}
