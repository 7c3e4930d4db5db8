package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.FindingStatus;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.Severity;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OverridesTest {
    private static final String HEADER = "edit,action,severity,payer_id,billing_npi,from_date,to_date,reason\n";
    private static final EditDefinition AOPC = new EditDefinition("AOPC-0753T",
            Category.ADDON_PRIMARY_PROFESSIONAL_ONLY, Severity.WARNING, "m", "s", "r", "families/x.drl");
    private static final EditDefinition CPR = new EditDefinition("CPR-C", Category.CARRIER_PRICED, Severity.NOTICE,
            "m", "s", "r", "policy/carrier-priced.drl");

    @TempDir
    Path dir;

    private Overrides load(String rows) throws Exception {
        Path file = dir.resolve("overrides.csv");
        Files.writeString(file, HEADER + rows);
        return Overrides.load(file, List.of(AOPC, CPR));
    }

    /** A made-up line: payer, billing NPI and date of service are what overrides look at. */
    private static Finding finding(EditDefinition edit, String payer, String npi, String dos) {
        LocalDate date = LocalDate.parse(dos);
        ClaimLine line = new ClaimLine(new SourceRef(0, "in.csv", 2), "C-1", 2, date, "0753T", Modifiers.NONE, 1,
                "TP-1", npi, "", ClaimType.PROFESSIONAL, "", "", BigDecimal.ONE, List.of(), "",
                Visit.of("C-1", "TP-1", npi, date), payer);
        return new Finding(line, edit, "message");
    }

    @Test
    void bypassByEditIdForOnePayerKeepsTheFindingWithItsReason() throws Exception {
        Overrides o = load("AOPC-0753T,bypass,,ACME,,,,contract says so\n");
        List<Finding> out = o.apply(List.of(finding(AOPC, "ACME", "1900000013", "2025-03-11"),
                finding(AOPC, "OTHER", "1900000013", "2025-03-11"), finding(CPR, "ACME", "1900000013", "2025-03-11")));
        assertEquals(List.of(FindingStatus.BYPASSED, FindingStatus.ACTIVE, FindingStatus.ACTIVE),
                out.stream().map(Finding::status).toList());
        assertEquals("contract says so", out.get(0).overrideReason());
        assertEquals("", out.get(1).overrideReason());
    }

    @Test
    void severityByCategoryForAProviderWithinDatesInclusive() throws Exception {
        Overrides o = load("carrier_priced,severity,warning,,1900000021,2025-04-01,2025-04-30,review\n");
        List<Finding> out = o.apply(List.of(finding(CPR, "", "1900000021", "2025-03-31"),
                finding(CPR, "", "1900000021", "2025-04-01"), finding(CPR, "", "1900000021", "2025-04-30"),
                finding(CPR, "", "1900000021", "2025-05-01"), finding(CPR, "", "1900000013", "2025-04-15")));
        assertEquals(List.of(Severity.NOTICE, Severity.WARNING, Severity.WARNING, Severity.NOTICE, Severity.NOTICE),
                out.stream().map(Finding::severity).toList());
        assertEquals(FindingStatus.ADJUSTED, out.get(1).status());
        assertEquals("CPR-C", out.get(1).edit().editId());
    }

    @Test
    void firstMatchingRowWins() throws Exception {
        Overrides o = load("CPR-C,severity,ERROR,ACME,,,,specific first\nCARRIER_PRICED,bypass,,,,,,general\n");
        List<Finding> out = o.apply(List.of(finding(CPR, "ACME", "1900000013", "2025-03-11"),
                finding(CPR, "OTHER", "1900000013", "2025-03-11")));
        assertEquals(FindingStatus.ADJUSTED, out.get(0).status());
        assertEquals(FindingStatus.BYPASSED, out.get(1).status());
        assertEquals("general", out.get(1).overrideReason());
    }

    @Test
    void noRowsLeavesTheListAlone() throws Exception {
        List<Finding> in = List.of(finding(CPR, "", "1900000013", "2025-03-11"));
        assertSame(in, load("").apply(in));
    }

    @Test
    void badRowsNameFileLineAndField() {
        assertEquals(dir.resolve("overrides.csv") + " line 2, field edit: 'AOP-9999T' is neither an edit id of the"
                + " loaded rules nor a category", problem("AOP-9999T,bypass,,,,,,x\n"));
        assertEquals(dir.resolve("overrides.csv") + " line 2, field action: 'mute' is not bypass or severity",
                problem("CPR-C,mute,,,,,,x\n"));
        assertEquals(dir.resolve("overrides.csv") + " line 2, field severity: 'LOW' is not one of [ERROR, WARNING,"
                + " NOTICE]", problem("CPR-C,severity,LOW,,,,,x\n"));
        assertEquals(dir.resolve("overrides.csv") + " line 2, field reason: empty; say why (the report shows it to"
                + " the auditor)", problem("CPR-C,bypass,,,,,,\n"));
        assertEquals(dir.resolve("overrides.csv") + " line 2, field from_date: '4/1/2025' is not a date in"
                + " yyyy-MM-dd form", problem("CPR-C,bypass,,,,4/1/2025,,x\n"));
        assertEquals(dir.resolve("overrides.csv") + " line 2, field to_date: ends before from_date",
                problem("CPR-C,bypass,,,,2025-05-01,2025-04-01,x\n"));
        assertEquals(dir.resolve("overrides.csv") + " line 2, field billing_npi: '123' is not a 10-digit NPI",
                problem("CPR-C,bypass,,,123,,,x\n"));
    }

    private String problem(String rows) {
        return assertThrows(OverridesException.class, () -> load(rows)).getMessage();
    }
}
