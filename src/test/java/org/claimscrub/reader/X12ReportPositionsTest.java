package org.claimscrub.reader;

import org.claimscrub.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings and rejects of 837 lines point back into the file through the whole pipeline, spilled to disk or not,
 * in CSV and JSON Lines: the position (ST, CLM, LX, segment, line) in input_line / source_line, the segment
 * ordinal as the JSON number beside it.
 */
class X12ReportPositionsTest {
    private static final Path FIXTURES = X12ClaimReaderTest.FIXTURES;

    private static int scrub(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("scrub", "--quiet", "--rules", "rules",
                "--memory-lines", "2", "--out", out.toString()));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    @Test
    void spilledLinesKeepTheirPositionInCsvAndJsonLines(@TempDir Path dir) throws IOException {
        Path repeated = dir.resolve("repeated-lx.837");
        Files.writeString(repeated, Files.readString(FIXTURES.resolve("professional-claim-and-line-level.837"))
                .replace("LX*3~", "LX*2~"));
        String bad = FIXTURES.resolve("bad-claims-among-good.837").toString();
        assertEquals(1, scrub(dir.resolve("csv"), repeated.toString(), bad));
        String findings = Files.readString(dir.resolve("csv/findings.csv"));
        assertTrue(findings.contains(repeated + ",ST 0001 CLM PC-1001 LX 2 SV1 at segment 26 (line 26),active"),
                findings);
        String rejects = Files.readString(dir.resolve("csv/rejects.csv"));
        assertTrue(rejects.contains(repeated + ",ST 0001 CLM PC-1001 LX 2 SV1 at segment 30 (line 30),PC-1001,"
                + "line_number,line number 2 appears twice in claim PC-1001; the later line is set aside,"
                + "SV1*HC:88342*108.00*UN*1***1~"), "a repeated LX found after reading gets its segment text: "
                + rejects);
        assertTrue(rejects.contains(bad + ",ST 0001 CLM BAD-4 SV1 at segment 41 (line 41),BAD-4,LX-01,"), rejects);
        assertFalse(rejects.contains("MEMBER") || findings.contains("MEMBER"), "no subscriber id in the report");

        assertEquals(1, scrub(dir.resolve("jsonl"), "--format", "jsonl", repeated.toString(), bad));
        String jsonFindings = Files.readString(dir.resolve("jsonl/findings.jsonl"));
        assertTrue(jsonFindings.contains("\"input_line\":26,\"input_position\":\"ST 0001 CLM PC-1001 LX 2 SV1 at"
                + " segment 26 (line 26)\""), jsonFindings);
        String jsonRejects = Files.readString(dir.resolve("jsonl/rejects.jsonl"));
        assertTrue(jsonRejects.contains("\"source_line\":41,\"source_position\":\"ST 0001 CLM BAD-4 SV1 at segment"
                + " 41 (line 41)\""), jsonRejects);
    }

    @Test
    void csvReportsKeepTheirPlainLineNumbers(@TempDir Path dir) throws IOException {
        assertEquals(0, scrub(dir.resolve("csv"), "--fail-on", "none", "claims-samples/duplicate-line.csv"));
        for (String line : Files.readString(dir.resolve("csv/findings.csv")).lines().skip(1).toList()) {
            assertTrue(line.matches(".*,claims-samples/duplicate-line\\.csv,[0-9]+,active,.*"), line);
        }
        assertEquals(0, scrub(dir.resolve("jsonl"), "--format", "jsonl", "--fail-on", "none",
                "claims-samples/duplicate-line.csv"));
        assertFalse(Files.readString(dir.resolve("jsonl/findings.jsonl")).contains("input_position"));
    }
}
