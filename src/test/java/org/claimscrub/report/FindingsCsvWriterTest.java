package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingsCsvWriterTest {
    private static final EditDefinition EDIT = new EditDefinition("=E-1", Category.DOCUMENTATION, Severity.NOTICE,
            "", "@source", "-rule", "+file.drl");

    private static String row(FindingsCsvWriter w, Finding f) {
        return w.head(f) + w.shared(f) + w.tail(f);
    }

    @Test
    void anAmountCellIsWhatToPlainStringAndTheGuardWouldMakeOfIt() {
        List<String> amounts = new ArrayList<>(List.of("0", "0.0", "0.00", "7", "7.5", "7.05", "125.00",
                "0.001", "12.345", "-3.00", "-0.5", "1E+3", "1.5E+2", "99999999999999.99", "999999999999999999.99",
                "12345678901234567890", "00012.30"));
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            amounts.add(BigDecimal.valueOf(random.nextLong() % 100_000_000L, random.nextInt(5) - 1)
                    .toString());
        }
        for (boolean guard : List.of(true, false)) {
            CsvText text = new CsvText(guard);
            for (String a : amounts) {
                BigDecimal amount = new BigDecimal(a);
                StringBuilder fast = new StringBuilder();
                FindingsCsvWriter.money(text, fast, amount);
                assertEquals(text.cell(new StringBuilder(), FindingsCsvWriter.money(amount)).toString(),
                        fast.toString(), a);
            }
            StringBuilder none = new StringBuilder();
            FindingsCsvWriter.money(text, none, null);
            assertEquals("", none.toString());
        }
    }

    /** Issue 10 #14: the guard is the writer's, so it covers the date column and every other text cell. */
    @Test
    void theFormulaGuardCoversEveryTextCellTheDateIncluded() {
        ClaimLine line = ClaimRunsTest.line(0, 2, "-C1", 1, "88305", "12.50", LocalDate.of(-1, 1, 1));
        Finding f = new Finding(line, EDIT, "=message");
        String guarded = row(new FindingsCsvWriter(true), f);
        assertEquals("'-C1,1,88305,,'-0001-01-01,'=E-1,DOCUMENTATION,NOTICE,'=message,'-rule,'+file.drl,'@source,"
                + "in0.csv,2,active,,1900000013,PAYER-7,12.50\n", guarded);
        assertFalse(row(new FindingsCsvWriter(false), f).contains("'"), "off for machine readers");
        String notice = ClaimRunsTest.wholeRow(new FindingsCsvWriter(true).noticeRow(), "-C1", ClaimPart.of(
                List.of(line), List.of(f), FindingsFilter.DEFAULT).get(0).noticeGroups().get(0));
        assertTrue(notice.startsWith("'-C1,1,88305,,'-0001-01-01,'=E-1,"), notice);
        LocalDate farFuture = LocalDate.of(10_000, 1, 1);
        assertTrue(row(new FindingsCsvWriter(true), new Finding(ClaimRunsTest.line(0, 2, "C1", 1, "88305", null,
                farFuture), EDIT, "m")).contains(",'+10000-01-01,"));
    }

    @Test
    void aFindingsRowCarriesTheBillingNpiPayerAndChargeButNeverThePatient() {
        ClaimLine line = ClaimRunsTest.line(0, 2, "C1", 1, "88305", "7", LocalDate.of(2025, 3, 10));
        String row = row(new FindingsCsvWriter(true), new Finding(line, EDIT, "m"));
        assertTrue(row.endsWith(",1900000013,PAYER-7,7.00\n"), row);
        assertFalse(row.contains("PT-SECRET"));
        String json = new FindingsJsonlWriter().head(new Finding(line, EDIT, "m"))
                + new FindingsJsonlWriter().shared(new Finding(line, EDIT, "m"))
                + new FindingsJsonlWriter().tail(new Finding(line, EDIT, "m"));
        assertTrue(json.endsWith(",\"billing_npi\":\"1900000013\",\"payer_id\":\"PAYER-7\",\"charge\":7.00}\n"), json);
        assertFalse(json.contains("PT-SECRET"));
    }
}
