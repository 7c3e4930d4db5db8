package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryHtmlTest {
    private static final EditDefinition ERROR = new EditDefinition("AOP-0753T", Category.ADDON_WITHOUT_PRIMARY,
            Severity.ERROR, "", "src", "rule", "families/surgical-pathology.drl");

    private static String page(int claimsToFix) throws IOException {
        BatchTally tally = new BatchTally();
        ClaimTotals totals = new ClaimTotals();
        for (int i = 0; i < claimsToFix; i++) {
            ClaimLine line = ClaimRunsTest.line(0, i + 2, "<C" + i + ">", 1, "0753T", "1000.50",
                    LocalDate.of(2025, 3, 10));
            List<Finding> findings = List.of(new Finding(line, ERROR, "no <primary> & more"));
            tally.add(List.of(line), findings);
            ClaimPart.of(List.of(line), findings, FindingsFilter.DEFAULT).forEach(totals::add);
        }
        ScrubSummary summary = tally.summary(claimsToFix, 0, totals);
        StringWriter out = new StringWriter();
        Instant at = Instant.parse("2026-12-01T19:30:00Z");
        new SummaryHtml().write(out, summary, tally, totals, new ArrayList<>(), new SummaryHtml.Run(List.of(),
                List.of(), List.of(), at, at, 1, "FINDINGS", Map.of("total", 1234L), List.of("findings.csv",
                "rejects.csv", "claims.csv", "notices.csv", "summary.txt"), FindingsFilter.DEFAULT));
        return out.toString();
    }

    @Test
    void datesReadAsTheJdkWouldWriteThemInEnglish() {
        DateTimeFormatter whenPattern = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss 'UTC'",
                Locale.US).withZone(ZoneOffset.UTC);
        DateTimeFormatter dayPattern = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);
        Instant at = Instant.parse("2027-12-31T00:05:09Z");
        for (int day = 0; day < 400; day++, at = at.plusSeconds(86_400 + 3_601)) {
            assertEquals(whenPattern.format(at), SummaryHtml.when(at));
            LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
            assertEquals(dayPattern.format(date), SummaryHtml.day(date));
        }
    }

    /** An 837's D8 dates take any four-digit year (the CSV reader's 1900-2099 check is not theirs). */
    @Test
    void aWorklistDateBeforeYear1000ReadsAsTheJdkWroteIt() {
        DateTimeFormatter dayPattern = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);
        for (LocalDate date : List.of(LocalDate.of(999, 3, 4), LocalDate.of(1, 1, 1), LocalDate.of(0, 12, 31),
                LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31))) {
            assertEquals(dayPattern.format(date), SummaryHtml.day(date), date.toString());
        }
    }

    @Test
    void aBigRunEmbedsTheWorstClaimsOnlyAndSaysSo() throws IOException {
        String html = page(ClaimTotals.WORKLIST + 1_200);
        assertTrue(html.contains("<h1 id=answer>1,500 of 1,500 claims need fixing before submission,"
                + " $1,500,750.00 at risk; 0 need review; 0 ready</h1>"), html.substring(0, 2000));
        assertTrue(html.contains("This page shows the worst 300 of 1,500 claims to fix or review; every claim is in"
                + " claims.csv."));
        assertEquals(ClaimTotals.WORKLIST, html.split("<tr class=fix>", -1).length - 1);
        assertTrue(html.length() < 400_000, "the page stays small: " + html.length());
    }

    @Test
    void singularsTextIsEscapedAndDatesAreForPeople() throws IOException {
        String html = page(1);
        assertTrue(html.contains("1 of 1 claim needs fixing before submission, $1,000.50 at risk"), html);
        assertTrue(html.contains("&lt;C0&gt;") && !html.contains("<C0>"), "claim ids are escaped");
        assertTrue(html.contains("no &lt;primary&gt; &amp; more"));
        assertTrue(html.contains("10 Mar 2025"));
        assertTrue(html.contains("Tuesday 1 December 2026, 19:30:00 UTC"));
        assertTrue(html.contains(">Surgical pathology<"));
        assertFalse(html.contains("PT-SECRET"), "no patient id");
        assertFalse(html.contains("src=") || html.contains("href=") || html.contains("http"), "nothing external");
    }
}
