package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.claimscrub.reference.cms.CmsTestLines.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --mue, --ptp, --aoc and --pfs on the command line: the report names the files, a bad file stops the run. */
class ScrubCommandCmsTablesTest {
    private static final String CLAIMS = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,"
            + "patient_id,billing_npi,claim_type\n"
            + "K1,1,2025-02-03,88305,,1,PT1,1234567893,professional\n"
            + "K1,2,2025-02-03,88300,,1,PT1,1234567893,professional\n"
            + "K1,3,2025-02-03,88312,,3,PT1,1234567893,professional\n";

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void theReportListsEveryTableFileWithItsPeriodRowsAndHash() throws Exception {
        Path claims = Files.writeString(dir.resolve("claims.csv"), CLAIMS);
        Path out = dir.resolve("report");
        Run run = run("scrub", claims.toString(), "--out", out.toString(),
                "--mue", fixture("MCR_MUE_PractitionerServices_Eff_01-01-2025.csv").toString(),
                "--mue", fixture("MCR_MUE_PractitionerServices_Eff_04-01-2025.csv").toString(),
                "--ptp", fixture("ccipra-v310r0-f1.txt").toString(),
                "--ptp", fixture("ccipra-v310r0-f2.txt").toString(),
                "--aoc", fixture("AOC_V2025Q1.txt").toString(),
                "--pfs", fixture("PPRRVU25_JAN.csv").toString());
        assertEquals(ExitCode.FINDINGS.code(), run.exitCode(), run.err());
        List<String> files = Files.readAllLines(out.resolve("reference-files.csv"));
        assertEquals("kind,setting,file,in_force_from,in_force_through,rows,sha256", files.get(0));
        assertEquals(7, files.size(), files.toString());
        assertTrue(files.get(1).startsWith("MUE,practitioner,MCR_MUE_PractitionerServices_Eff_01-01-2025.csv,"
                + "2025-01-01,2025-03-31,5,"), files.get(1));
        assertTrue(files.contains("PTP,practitioner,ccipra-v310r0-f2.txt,2025-01-01,,1,"
                + sha256(fixture("ccipra-v310r0-f2.txt"))), files.toString());
        assertTrue(run.out().contains("Table:    PTP practitioner ccipra-v310r0-f1.txt, from 2025-01-01, 5 rows,"),
                run.out());
        String findings = Files.readString(out.resolve("findings.csv"));
        assertTrue(findings.contains("PTP-MI0") && findings.contains("MUE-DOS"), findings);
    }

    @Test
    void pfsIsRepeatableEachFileInForceForItsPeriodAndNormalisationIsSaid() throws Exception {
        Path claims = Files.writeString(dir.resolve("claims.csv"), CLAIMS
                + "K2,1,2025-04-02,10060,,1,PT2,1234567893,professional\n"
                + "K3,1,2026-01-05,88342,,1,PT3,1234567893,professional\n"
                + "K3,2,2026-01-05,88341,51,1,PT3,1234567893,professional\n");
        Path out = dir.resolve("report");
        Run run = run("scrub", claims.toString(), "--out", out.toString(),
                "--pfs", fixture("PPRRVU25_JAN.csv").toString(),
                "--pfs", fixture("PPRRVU25_APR_spreadsheet-resave.csv").toString(),
                "--pfs", fixture("PPRRVU2026_Jan_QPP.csv").toString(),
                "--pfs", fixture("PPRRVU2026_Jan_nonQPP.csv").toString());
        assertEquals(ExitCode.OK.code(), run.exitCode(), "warnings only: " + run.err());
        List<String> files = Files.readAllLines(out.resolve("reference-files.csv"));
        assertEquals(5, files.size(), files.toString());
        assertTrue(files.get(1).startsWith("PFS,,PPRRVU25_JAN.csv,2025-01-01,2025-03-31,6,"), files.get(1));
        assertTrue(files.get(2).startsWith("PFS,,PPRRVU25_APR_spreadsheet-resave.csv,2025-04-01,2025-12-31,6,"),
                files.get(2));
        assertTrue(files.get(3).startsWith("PFS,,PPRRVU2026_Jan_QPP.csv,2026-01-01,,8,"), files.get(3));
        assertTrue(files.get(4).startsWith("PFS,,PPRRVU2026_Jan_nonQPP.csv,2026-01-01,,8,"), files.get(4));
        assertTrue(run.out().contains("Table:    note: PPRRVU25_APR_spreadsheet-resave.csv looks re-saved by a"
                + " spreadsheet; normalised 1 HCPCS codes zero-padded"), run.out());
        String findings = Files.readString(out.resolve("findings.csv"));
        assertTrue(findings.contains("MODR-51"), findings);
    }

    @Test
    void withoutTableOptionsTheReferenceFileListIsEmptyAndNoCmsEditFires() throws Exception {
        Path claims = Files.writeString(dir.resolve("claims.csv"), CLAIMS);
        Path out = dir.resolve("report");
        Run run = run("scrub", claims.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK.code(), run.exitCode(), run.err());
        assertEquals(List.of("kind,setting,file,in_force_from,in_force_through,rows,sha256"),
                Files.readAllLines(out.resolve("reference-files.csv")));
        assertFalse(Files.readString(out.resolve("findings.csv")).contains("NOT_CHECKED"));
    }

    @Test
    void aMalformedTableStopsTheRunBeforeAnyOutput() throws Exception {
        Path claims = Files.writeString(dir.resolve("claims.csv"), CLAIMS);
        Path bad = Files.writeString(dir.resolve("ccipra-v310r0-f1.txt"), "notice\ntitle\n"
                + "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale\n"
                + "88305\t88300\t*\t19960101\t*\t7\tx\n");
        Path out = dir.resolve("report");
        Run run = run("scrub", claims.toString(), "--out", out.toString(), "--ptp", bad.toString());
        assertEquals(ExitCode.REFERENCE_DATA.code(), run.exitCode());
        assertTrue(run.err().contains(bad + " line 4, field Modifier: expected the modifier indicator 0, 1 or 9,"
                + " found '7'"), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
