package org.claimscrub.reader;

import org.claimscrub.cli.Main;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.claimscrub.reader.X12ClaimReaderTest.FIXTURES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values no edit needs (rendering NPI, place of service, charge, diagnoses, revenue code), unreadable in an 837,
 * keep the claim in the scrub with the field empty and named, as in CSV; a value the edits need still sets the
 * claim aside, naming every fault.
 */
class X12UnreadableFieldsTest {
    @TempDir
    Path dir;

    private final List<ClaimLine> lines = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();

    /** A fixture with some segments replaced, read into {@link #lines} and {@link #rejects}. */
    private long read(String fixture, String... replacements) throws IOException, InputException {
        String text = Files.readString(FIXTURES.resolve(fixture));
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(text.contains(replacements[i]), replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = dir.resolve(fixture);
        Files.writeString(file, text);
        return new X12ClaimReader().read(file, 0, ClaimSink.of(lines::add, rejects::add));
    }

    private ClaimLine line(String claimId, int lineNumber) {
        return lines.stream().filter(l -> l.claimId().equals(claimId) && l.lineNumber() == lineNumber).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + claimId + "/" + lineNumber + " in " + lines));
    }

    @Test
    void claimLevelFieldsNoEditNeedsAreKeptEmptyOnTheLinesThatUseThem() throws IOException, InputException {
        assertEquals(4, read("professional-claim-and-line-level.837",
                "HI*ABK:C50911*ABF:R928~", "HI*ABK:5C0911*ABF:R928~",
                "CLM*PC-1001*269.00***81:B:1", "CLM*PC-1001*269.00***8X:B:1",
                "XX*1999000114~\nLX*1~", "XX*1999000115~\nLX*1~",
                "SV1*HC:88305:26*125.00*", "SV1*HC:88305:26*12X.00*"));
        assertEquals(List.of(), rejects);
        ClaimLine first = line("PC-1001", 1);
        assertEquals(Set.of(InputField.RENDERING_NPI, InputField.PLACE_OF_SERVICE, InputField.CHARGE,
                InputField.DIAGNOSIS_CODES), first.unreadableFields());
        assertEquals("", first.renderingNpi());
        assertEquals("", first.placeOfService());
        assertNull(first.charge());
        assertEquals(List.of(), first.diagnosisCodes());
        assertEquals("88305", first.code(), "the fields the edits need are read");
        ClaimLine second = line("PC-1001", 2);
        assertEquals(Set.of(InputField.DIAGNOSIS_CODES), second.unreadableFields(),
                "its own SV105 and 2420A provider, so the claim's unreadable ones are not its");
        assertEquals("11", second.placeOfService());
        assertEquals("1999000221", second.renderingNpi());
        assertEquals(new BigDecimal("36.00"), second.charge());
        assertEquals(Set.of(InputField.RENDERING_NPI, InputField.PLACE_OF_SERVICE, InputField.DIAGNOSIS_CODES),
                line("PC-1001", 3).unreadableFields());
        assertEquals(Set.of(), lines.stream().filter(l -> !l.claimId().equals("PC-1001")).findFirst().orElseThrow()
                .unreadableFields(), "the next claim is not touched");
    }

    @Test
    void anUnreadableLineLevelProviderIsNotReplacedByTheClaims() throws IOException, InputException {
        read("professional-claim-and-line-level.837", "XX*1999000221~", "XX*1999000222~",
                "*UN*1.0*11**1~", "*UN*1.0*1X**1~");
        ClaimLine second = line("PC-1001", 2);
        assertEquals(Set.of(InputField.RENDERING_NPI, InputField.PLACE_OF_SERVICE), second.unreadableFields());
        assertEquals("", second.renderingNpi(), "not the claim-level 1999000114");
        assertEquals("", second.placeOfService(), "not the claim's CLM05-1");
        assertEquals(Set.of(), line("PC-1001", 1).unreadableFields());
    }

    @Test
    void anUnreadableRevenueCodeKeepsTheInstitutionalLine() throws IOException, InputException {
        read("institutional-opps-and-revenue-only-line.837i", "SV2*0310*HC:88305:26*125.00*",
                "SV2*03X0*HC:88305:26*125.00*");
        ClaimLine first = line("HO-2001", 1);
        assertEquals(Set.of(InputField.REVENUE_CODE), first.unreadableFields());
        assertEquals("", first.revenueCode());
        assertEquals("0131", first.typeOfBill(), "the type of bill is read");
        assertEquals(1, rejects.size(), "only the revenue-code-only line, as without the bad revenue code");
    }

    @Test
    void aValueTheEditsNeedStillSetsTheClaimAsideNamingEveryFault() throws IOException, InputException {
        read("professional-claim-and-line-level.837", "SV1*HC:88305:26*125.00*", "SV1*HC:8830:26*12X.00*");
        List<Reject> claim = rejects.stream().filter(r -> r.claimId().equals("PC-1001")).toList();
        assertEquals(3, claim.size(), "every line of the claim");
        Reject first = claim.get(0);
        assertEquals("SV1-01", first.field());
        assertTrue(first.reason().contains("'8830'") && first.reason().contains("SV1-02"), first.reason());
    }

    @Test
    void theScrubNamesTheUnreadableFieldsInAFinding() throws IOException {
        String text = Files.readString(FIXTURES.resolve("professional-claim-and-line-level.837"))
                .replace("SV1*HC:88305:26*125.00*", "SV1*HC:88305:26*12X.00*");
        Path file = dir.resolve("bad-charge.837");
        Files.writeString(file, text);
        Path out = dir.resolve("out");
        Main.run("scrub", "--quiet", "--fail-on", "none", "--rules", "rules", "--out", out.toString(),
                file.toString());
        String findings = Files.readString(out.resolve("findings.csv"));
        assertTrue(findings.lines().anyMatch(l -> l.contains("INP-UNREADABLE") && l.contains("charge")
                && l.contains("CLM PC-1001 LX 1 SV1")), findings);
        assertTrue(Files.readString(out.resolve("rejects.csv")).lines().count() <= 1, "no reject");
    }
}
