package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.FindingStatus;
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

    /** A notice of one line as the rows were made before its cells were written without the joining. */
    private static String joinedNoticeRow(CsvText text, ClaimRuns.NoticeRow made, String claimId,
                                          ClaimPart.NoticeGroup g) {
        StringBuilder row = new StringBuilder();
        text.cell(row, claimId).append(',');
        text.cell(row, FindingsCsvWriter.joined(g, l -> Integer.toString(l.lineNumber()))).append(',');
        text.cell(row, FindingsCsvWriter.joined(g, ClaimPart.NoticeLine::code)).append(',');
        text.cell(row, FindingsCsvWriter.joined(g, ClaimPart.NoticeLine::modifiers)).append(',');
        text.cell(row, FindingsCsvWriter.joined(g, l -> l.dateOfService().toString())).append(',');
        text.cell(row, g.editId()).append(',');
        text.cell(row, g.category().name()).append(',');
        text.cell(row, g.severity().name()).append(',');
        row.append(made.shared().apply(g));
        text.cell(row, String.join(FindingsCsvWriter.LINES_SEPARATOR, g.inputFiles())).append(',');
        text.cell(row, FindingsCsvWriter.joined(g, l -> Long.toString(l.inputLine()))).append(',');
        text.cell(row, g.status().name().toLowerCase(java.util.Locale.ROOT)).append(',');
        text.cell(row, g.overrideReason()).append(',');
        text.cell(row, g.billingNpi()).append(',');
        text.cell(row, g.payerId()).append(',');
        text.cell(row, FindingsCsvWriter.money(g.charge()));
        return row.append('\n').toString();
    }

    @Test
    void aOneLineNoticeRowIsWhatTheJoiningMadeOfIt() {
        List<String> texts = List.of("", "88305", "=SUM(A1)", "-26", "+x", "@y", "\tz", "a,b", "say \"hi\"",
                "two\nlines", "\rcr", "Ü-ê", "\u00ff\u0080", "\ud83d\ude00,", "x".repeat(24) + "\"",
                "\n" + "x".repeat(24), "x".repeat(23) + ",");
        List<LocalDate> dates = List.of(LocalDate.of(2025, 3, 10), LocalDate.of(999, 1, 2), LocalDate.of(1000, 1, 1),
                LocalDate.of(9999, 12, 31), LocalDate.of(10_000, 1, 1), LocalDate.of(-1, 6, 30));
        List<String> charges = List.of("0", "1.5", "-3.00", "12.345", "1E+3", "99999999999999999.99");
        int n = 0;
        for (boolean guard : List.of(true, false)) {
            FindingsCsvWriter writer = new FindingsCsvWriter(guard);
            ClaimRuns.NoticeRow made = writer.noticeRow();
            for (int i = 0; i < texts.size() * 7; i++, n++) {
                String t = texts.get(i % texts.size());
                String u = texts.get(i * 5 % texts.size());
                ClaimPart.NoticeLine line = new ClaimPart.NoticeLine(i, 1 + i * 37, t, u, dates.get(i % dates.size()),
                        texts.get(i * 3 % texts.size()), 1 + i * 1_000_003L,
                        i % 7 == 0 ? null : new BigDecimal(charges.get(i % charges.size())), u + t);
                ClaimPart.NoticeGroup g = new ClaimPart.NoticeGroup("=E-" + i, Category.DOCUMENTATION,
                        Severity.NOTICE, t, u, "@s", FindingStatus.values()[i % 3], u, t, u, List.of(line));
                assertEquals(joinedNoticeRow(new CsvText(guard), made, u, g),
                        ClaimRunsTest.wholeRow(made, u, g), "guard " + guard + ", case " + i);
            }
        }
        assertTrue(n > 200);
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
