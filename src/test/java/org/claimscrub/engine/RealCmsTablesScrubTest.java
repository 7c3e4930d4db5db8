package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.reference.cms.CmsTables;
import org.claimscrub.reference.cms.CmsTestLines;
import org.claimscrub.reference.cms.RealCmsFilesTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch of real codes (MAAA, vaccine, PLA and pathology codes the real files list) scrubbed with every real
 * CMS table in ../shared/real-data/cms/: the MUE, PTP and PFS edits those tables imply fire, and lines the tables
 * allow stay clean. What each line should get was read from the files by hand (values noted per line). Skipped
 * where the folder is absent.
 */
class RealCmsTablesScrubTest {
    private static CmsTables cms;

    @BeforeAll
    static void load() throws Exception {
        if (Files.isDirectory(RealCmsFilesTest.REAL)) {
            cms = RealCmsFilesTest.everyRealTable();
        }
    }

    @Test
    void realCodesGetTheEditsTheRealTablesSay() {
        RealCmsFilesTest.assumeRealFiles();
        CmsTestLines lines = new CmsTestLines();
        String q3 = "2026-07-15"; // MUE 07-01-2026, PTP v32.2 and the 2026 July PFS are in force
        String oct = "2025-11-03"; // the 2025 October PFS is in force; no MUE or PTP table covers it
        List<ClaimLine> batch = List.of(
                lines.line("M1", q3, "0002M", 2), // MAAA: MUE 1, MAI 3 -> over
                lines.line("M1", q3, "0016M", 2), // MAAA: MUE 2 -> within
                lines.line("M1", q3, "0001U", 1), // PLA: MUE 1; column 1 of 0030U (modifier indicator 1)
                lines.line("M1", q3, "0030U", 1), // PLA: column 2 of 0001U, no modifier -> PTP
                lines.patient("PT-REAL-2").line("M2", q3, "0001U", 1),
                lines.line("M2", q3, "0030U", 1, "59"), // the NCCI modifier bypasses indicator 1
                lines.line("M2", q3, "00100", 1, "26"), // 2026 PFS: PC/TC 9 -> 26 not allowed
                lines.line("M2", q3, "0001F", 1), // Category II: listed in the 2026 PFS, no edit
                lines.patient("PT-REAL-3").line("P1", oct, "88311", 1, "62"), // 2025 PFS: co-surgeon 0
                lines.line("P1", oct, "88300", 1, "26"), // PC/TC 1: 26 allowed
                lines.line("P1", oct, "0591T", 1), // status C: carrier priced
                lines.line("P1", oct, "88341", 1, "51"), // global ZZZ -> 51 on an add-on
                lines.line("P1", oct, "88342", 1)); // 88341's primary
        List<Finding> findings = new Scrubber(ShippedRules.rules(), cms.applyTo(ShippedRules.reference()), cms)
                .scrub(batch);
        Map<String, String> byLine = new TreeMap<>();
        for (ClaimLine line : batch) {
            byLine.put(line.claimId() + ":" + line.lineNumber() + " " + line.code(), findings.stream()
                    .filter(f -> f.line().equals(line) && f.category() != Category.NOT_CHECKED)
                    .map(f -> f.edit().editId()).collect(Collectors.toCollection(TreeSet::new)).toString());
        }
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("M1:1 0002M", "[MUE-DOS]"),
                Map.entry("M1:2 0016M", "[]"),
                Map.entry("M1:3 0001U", "[]"),
                Map.entry("M1:4 0030U", "[PTP-MI1]"),
                Map.entry("M2:5 0001U", "[]"),
                Map.entry("M2:6 0030U", "[]"),
                Map.entry("M2:7 00100", "[MOD-26]"),
                Map.entry("M2:8 0001F", "[]"),
                Map.entry("P1:9 88311", "[MOD-62]"),
                Map.entry("P1:10 88300", "[]"),
                Map.entry("P1:11 0591T", "[CPR-C]"),
                Map.entry("P1:12 88341", "[MODR-51]"),
                Map.entry("P1:13 88342", "[]")));
        assertEquals(expected, byLine, () -> findings.stream().map(f -> f.line().code() + " " + f.edit().editId()
                + ": " + f.message()).collect(Collectors.joining("\n")));
    }

    @Test
    void theOctoberLinesSayWhichTablesDidNotCoverThem() {
        RealCmsFilesTest.assumeRealFiles();
        ClaimLine line = new CmsTestLines().line("P1", "2025-11-03", "88311", 1);
        List<Finding> findings = new Scrubber(ShippedRules.rules(), cms.applyTo(ShippedRules.reference()), cms)
                .scrub(List.of(line));
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).message().contains("no loaded practitioner table covers 2025-11-03"),
                findings.get(0).message());
    }
}
