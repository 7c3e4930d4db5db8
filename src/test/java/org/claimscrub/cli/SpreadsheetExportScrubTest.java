package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.claimscrub.cli.BatchFixtures.HEADER;
import static org.claimscrub.cli.BatchFixtures.SAMPLES;
import static org.claimscrub.cli.BatchFixtures.read;
import static org.claimscrub.cli.BatchFixtures.scrub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader's new inputs through the whole scrub: export layouts, declared encodings, bad bytes, mappings. */
class SpreadsheetExportScrubTest {
    /** The canonical names as a billing system's spreadsheet export names them (modifiers get four columns). */
    private static final Map<String, String> EXPORT_NAMES = Map.ofEntries(Map.entry("claim_id", "Claim #"),
            Map.entry("line_number", "Line"), Map.entry("date_of_service", "DOS"), Map.entry("procedure_code", "CPT"),
            Map.entry("units", "Qty"), Map.entry("patient_id", "Member ID"), Map.entry("billing_npi", "Billing NPI"),
            Map.entry("rendering_npi", "Rendering NPI"), Map.entry("claim_type", "Claim Type"),
            Map.entry("type_of_bill", "TOB"), Map.entry("place_of_service", "POS"),
            Map.entry("charge", "Billed Amount"), Map.entry("diagnosis_codes", "Dx"),
            Map.entry("revenue_code", "Rev Code"));
    /** Lines whose findings depend on every modifier: MOD-TC, a professional-only primary, lines told apart. */
    private static final List<String> MODIFIER_SCENARIOS = List.of(
            "MODS-1,1,2025-03-12,88305,26 59,1,PT-MODS-1,1900000013,1999000114,professional,,81,125.00,K63.5,",
            "MODS-1,2,2025-03-12,0753T,TC,1,PT-MODS-1,1900000013,1999000114,professional,,81,36.00,K63.5,",
            "MODS-2,1,2025-03-12,88305,26,1,PT-MODS-2,1900000013,1999000114,professional,,81,125.00,K63.5,",
            "MODS-2,2,2025-03-12,88305,26 76,1,PT-MODS-2,1900000013,1999000114,professional,,81,125.00,K63.5,",
            "MODS-2,3,2025-03-12,0753T,,1,PT-MODS-2,1900000013,1999000114,professional,,81,36.00,K63.5,");

    @TempDir
    Path tmp;

    /**
     * The same claims as the canonical layout and as an export: semicolons, the usual export names, modifiers in
     * four columns, the zeros a spreadsheet drops (POS 2, TOB 131) and Excel's trailing empty rows.
     */
    @Test
    void anExportWithModifierColumnsAndUsualNamesGivesTheCanonicalFindings() throws IOException {
        List<String> canonical = new ArrayList<>(Files.readAllLines(SAMPLES.resolve("lab-week.csv")));
        canonical.addAll(MODIFIER_SCENARIOS);
        Path plain = tmp.resolve("canonical.csv");
        Files.write(plain, canonical);
        Path export = tmp.resolve("export.csv");
        Files.write(export, exported(canonical));

        assertEquals(1, scrub("--out", tmp.resolve("plain").toString(), plain.toString()));
        assertEquals(1, scrub("--out", tmp.resolve("export").toString(), export.toString()));
        String findings = read(tmp.resolve("plain").resolve("findings.csv"));
        assertTrue(findings.contains("MODS-1,2,0753T,TC,2025-03-12,MOD-TC"), "the TC modifier is read");
        assertTrue(findings.contains("MODS-2,3,0753T,,2025-03-12,AOPC-0753T"), "every 88305 is billed with 26");
        assertFalse(findings.lines().anyMatch(l -> l.startsWith("MODS-2,2,") && l.contains("DUP-LINE")),
                "26 and 26 76 are different lines");
        assertEquals(findings, read(tmp.resolve("export").resolve("findings.csv")).replace(export.toString(),
                plain.toString()));
        assertEquals(read(tmp.resolve("plain").resolve("summary.txt")),
                read(tmp.resolve("export").resolve("summary.txt")));
        assertTrue(read(tmp.resolve("export").resolve("run.json")).contains("\"input_notes\": [\n    \""
                + export + ": 2 rows of only empty cells skipped"), "the skipped rows are counted in run.json");
    }

    private static List<String> exported(List<String> canonical) {
        List<String> header = Arrays.asList(canonical.get(0).split(",", -1));
        List<String> names = new ArrayList<>();
        for (String column : header) {
            if (column.equals("modifiers")) {
                names.addAll(List.of("Modifier 1", "Modifier 2", "Mod3", "Mod 4"));
            } else {
                names.add(EXPORT_NAMES.get(column));
            }
        }
        List<String> rows = new ArrayList<>(List.of(String.join(";", names)));
        for (String line : canonical.subList(1, canonical.size())) {
            List<String> cells = new ArrayList<>();
            String[] in = line.split(",", -1);
            for (int i = 0; i < in.length; i++) {
                String cell = in[i];
                switch (header.get(i)) {
                    case "modifiers" -> {
                        List<String> mods = new ArrayList<>(cell.isEmpty() ? List.of() : List.of(cell.split(" ")));
                        while (mods.size() < 4) {
                            mods.add("");
                        }
                        cells.addAll(mods);
                    }
                    case "type_of_bill", "place_of_service" -> cells.add(cell.replaceFirst("^0", ""));
                    default -> cells.add(cell);
                }
            }
            rows.add(String.join(";", cells));
        }
        rows.add(";".repeat(names.size() - 1));
        rows.add(";".repeat(names.size() - 1));
        return rows;
    }

    @Test
    void invalidUtf8StopsTheRunBeforeAnyOutputWithExit3() throws IOException {
        Path input = tmp.resolve("latin1.csv");
        Files.write(input, (HEADER + "\nCAF\u00c9,1,2025-03-11,88305,,1,PT1,1900000013,,professional,,81,,,\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Path out = tmp.resolve("report");
        String err = stderrOf(() -> assertEquals(3, scrub("--out", out.toString(), input.toString())));
        assertTrue(err.contains("latin1.csv line 2: byte(s) that are not valid UTF-8"), err);
        assertFalse(Files.exists(out.resolve("findings.csv")));
        assertEquals(0, scrub("--encoding", "ISO-8859-1", "--out", out.toString(), input.toString()));
        assertTrue(read(out.resolve("summary.txt")).startsWith("Lines:    1 read = 1 scrubbed + 0 rejected"));
    }

    @Test
    void anUnknownEncodingOrABadColumnMappingIsAUsageError() {
        String err = stderrOf(() -> assertEquals(2, scrub("--encoding", "klingon-8", "--out",
                tmp.resolve("r").toString(), SAMPLES.resolve("clean-batch.csv").toString())));
        assertTrue(err.contains("--encoding klingon-8: not an encoding this Java knows"), err);
        err = stderrOf(() -> assertEquals(2, scrub("--column", "cpt=Proc", "--out", tmp.resolve("r").toString(),
                SAMPLES.resolve("clean-batch.csv").toString())));
        assertTrue(err.contains("--column cpt=Proc: unknown field 'cpt'"), err);
    }

    @Test
    void aColumnMappingReadsAHeaderNoAliasCovers() throws IOException {
        Path input = tmp.resolve("odd-names.csv");
        Files.write(input, List.of(HEADER.replace("procedure_code", "Svc Proc").replace("units", "Cnt"),
                "C1,1,2025-03-11,0753T,,1,PT1,1900000013,,professional,,81,,,"));
        String out = tmp.resolve("report").toString();
        assertEquals(1, scrub("--column", "procedure_code=Svc Proc", "--column", "units=Cnt", "--out", out,
                input.toString()));
        assertTrue(read(Path.of(out, "findings.csv")).contains("C1,1,0753T,,2025-03-11,AOP-0753T"));
    }

    private static String stderrOf(Runnable run) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
