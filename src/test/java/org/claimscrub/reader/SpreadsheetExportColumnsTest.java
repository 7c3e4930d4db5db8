package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 item 2: files as spreadsheets and billing systems export them. */
class SpreadsheetExportColumnsTest {
    @TempDir
    Path dir;

    private final List<ClaimLine> lines = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();
    private CsvClaimReader reader;

    private long read(Map<String, String> columns, String... rows) throws Exception {
        Path file = dir.resolve("export.csv");
        Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        reader = new CsvClaimReader(new CsvReadOptions(StandardCharsets.UTF_8, columns));
        return reader.read(file, 0, ClaimSink.of(lines::add, rejects::add));
    }

    private long read(String... rows) throws Exception {
        return read(Map.of(), rows);
    }

    @Test
    void theUsualExportHeaderNamesAreRecognised() throws Exception {
        read("Claim #,Line #,Date of Service,CPT/HCPCS,Qty,Member ID,Billing NPI,Rendering NPI,POS,Bill Type,"
                        + "Billed Amount,Dx,Rev Code,Payer ID",
                "C1,1,03/10/2025,88305,2,P1,1234567893,1245319599,2,131,\"$1,250.00\",C50.911,310,MCR");
        assertEquals(List.of(), rejects);
        ClaimLine l = lines.get(0);
        assertEquals("C1", l.claimId());
        assertEquals("88305", l.code());
        assertEquals(2, l.units());
        assertEquals("P1", l.patientId());
        assertEquals("1245319599", l.renderingNpi());
        assertEquals("02", l.placeOfService());
        assertEquals("0131", l.typeOfBill());
        assertEquals(List.of("C50.911"), l.diagnosisCodes());
        assertEquals("0310", l.revenueCode());
        assertEquals("MCR", l.payerId());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Claim ID,Line,DOS,CPT,Units", "Claim Number,Line,Service Date,HCPCS,Qty",
        "claim_id,line,date_of_service,Procedure Code,units", "CLAIM-ID,LINE-NUMBER,DATE-OF-SERVICE,CPT CODE,QTY"})
    void eachAliasOfTheRequiredFieldsIsRead(String header) throws Exception {
        read(header, "C1,1,2025-03-10,88305,1");
        assertEquals(List.of(), rejects);
        assertEquals("88305", lines.get(0).code());
    }

    @Test
    void separateModifierColumnsAreMergedInOrder() throws Exception {
        read("claim_id,line_number,DOS,CPT,Modifier 1,Mod2,modifier_3,MOD 4,units",
                "C1,1,2025-03-10,88305,26,59,,xs,1", "C1,2,2025-03-10,88305,,,,,1");
        assertEquals(List.of(), rejects);
        assertEquals(List.of("26", "59", "XS"), lines.get(0).modifiers().values());
        assertTrue(lines.get(1).modifiers().values().isEmpty());
    }

    /** The rule for a file with both: the modifiers list first, then each column's modifier not already in it. */
    @Test
    void aModifiersListAndModifierColumnsAreUnited() throws Exception {
        read("claim_id,line_number,dos,cpt,modifiers,modifier_1,modifier_2,units",
                "C1,1,2025-03-10,88305,26 59,59,XS,1",
                "C2,1,2025-03-10,88305,26 59 76,77,XS,1");
        assertEquals(List.of("26", "59", "XS"), lines.get(0).modifiers().values());
        assertEquals(1, rejects.size());
        assertEquals("modifiers", rejects.get(0).field());
        assertEquals("5 modifiers given over the modifier columns; a line takes at most 4", rejects.get(0).reason());
    }

    @Test
    void aBadCellInAModifierColumnNamesThatColumn() throws Exception {
        read("claim_id,line_number,dos,cpt,modifier_1,modifier_2,units", "C1,1,2025-03-10,88305,26,2x6,1");
        assertEquals("modifier_2", rejects.get(0).field());
    }

    @Test
    void twoColumnsNamingOneFieldStopTheFileWithBothNames() {
        InputException e = assertThrows(InputException.class,
                () -> read("claim_id,line_number,dos,CPT,HCPCS,units", "C1,1,2025-03-10,88305,88305,1"));
        assertTrue(e.getMessage().endsWith("export.csv line 1: columns 'CPT' (column 4) and 'HCPCS' (column 5) both"
                + " name field procedure_code; remove one, or say which to read with --column"
                + " procedure_code=HEADER"), e.getMessage());
    }

    @Test
    void aUserMappingReadsAnyOtherNameAndSettlesAnAmbiguity() throws Exception {
        read(Map.of("procedure_code", "HCPCS", "units", "Svc Cnt", "modifier_1", "M-A"),
                "claim_id,line_number,dos,CPT,HCPCS,Svc Cnt,M-A", "C1,1,2025-03-10,88304,88305,3,tc");
        assertEquals(List.of(), rejects);
        assertEquals("88305", lines.get(0).code());
        assertEquals(3, lines.get(0).units());
        assertEquals(List.of("TC"), lines.get(0).modifiers().values());
        assertEquals(List.of("export.csv: column 4 'CPT' looks like a modifier or code column but is not read"
                + " (map it with --column FIELD=HEADER, or remove it)"), notes());
    }

    @Test
    void aMappingToAHeaderTheFileLacksIsNotedAndTheUsualNamesApply() throws Exception {
        read(Map.of("procedure_code", "Proc Cd"), "claim_id,line_number,dos,cpt,units", "C1,1,2025-03-10,88305,1");
        assertEquals("88305", lines.get(0).code());
        assertEquals(List.of("export.csv: --column procedure_code=Proc Cd: no such column in this file; the usual"
                + " names apply to procedure_code"), notes());
    }

    @Test
    void anUnusedModifierLikeColumnIsNamedInAWarningNeverDroppedInSilence() throws Exception {
        read("claim_id,line_number,dos,cpt,modifier_1,modifier_5,Procedure Description,units",
                "C1,1,2025-03-10,88305,26,59,Surgical path,1");
        assertEquals(List.of("export.csv: column 6 'modifier_5' looks like a modifier or code column but is not read"
                        + " (map it with --column FIELD=HEADER, or remove it)",
                "export.csv: column 7 'Procedure Description' looks like a modifier or code column but is not"
                        + " read (map it with --column FIELD=HEADER, or remove it)"), notes());
    }

    @ParameterizedTest(name = "separator {0}")
    @ValueSource(strings = {";", "\t", "|", ","})
    void theSeparatorIsToldFromTheHeader(String separator) throws Exception {
        read(String.join(separator, "claim_id", "line_number", "dos", "cpt", "modifiers", "units", "charge"),
                String.join(separator, "C1", "1", "2025-03-10", "88305", "\"26,59\"", "1", "\"1,250.00\""));
        assertEquals(List.of(), rejects);
        assertEquals(List.of("26", "59"), lines.get(0).modifiers().values());
        assertEquals("1250.00", lines.get(0).charge().toPlainString());
    }

    @Test
    void aHeaderWithoutAKnownSeparatorStopsTheFile() {
        InputException e = assertThrows(InputException.class, () -> read("claim_id line_number dos", "C1 1 x"));
        assertTrue(e.getMessage().contains("export.csv line 1: the header row holds no comma, semicolon, tab or"
                + " pipe"), e.getMessage());
    }

    @Test
    void aMissingRequiredColumnListsTheHeadersFound() {
        InputException e = assertThrows(InputException.class,
                () -> read("Claim,Line,Proc Cd,Units", "C1,1,88305,1"));
        assertTrue(e.getMessage().contains("missing required column(s): date_of_service, procedure_code; the header"
                + " row has: 'Claim', 'Line', 'Proc Cd', 'Units'"), e.getMessage());
    }

    /** A file without a header row: its first row is data, perhaps patient ids, and is not repeated. */
    @Test
    void aFirstRowWithNoKnownNameIsNotRepeatedInTheError() {
        InputException e = assertThrows(InputException.class,
                () -> read("C1,1,2025-03-10,88305,1,PHI-SECRET-SW0", "C2,1,2025-03-10,88305,1,PHI-SECRET-SW0"));
        assertTrue(e.getMessage().contains("no cell of the first row is a known column name"), e.getMessage());
        assertFalse(e.getMessage().contains("PHI-SECRET-SW0"));
    }

    @Test
    void anExcelRowOfEmptyCellsIsSkippedAndCountedNotRejected() throws Exception {
        long read = read("claim_id,line_number,dos,cpt,units", "C1,1,2025-03-10,88305,1", ",,,,", ",,,,");
        assertEquals(1, read);
        assertEquals(List.of(), rejects);
        assertEquals(List.of("export.csv: 2 rows of only empty cells skipped (lines 3, 4)"), notes());
    }

    @Test
    void unknownMappingFieldsAndMalformedMappingsAreUsageErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvReadOptions.parseColumns(List.of("cpt=X")))
                .getMessage().startsWith("--column cpt=X: unknown field 'cpt'; the fields are claim_id,"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvReadOptions.parseColumns(List.of("procedure_code"))).getMessage()
                .startsWith("--column procedure_code: expected FIELD=HEADER"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvReadOptions.parseColumns(List.of("units=A", "units=B"))).getMessage()
                .contains("units is mapped twice"));
        assertEquals(Map.of("modifier_2", "Mod B"), CsvReadOptions.parseColumns(List.of("Modifier_2=Mod B")));
    }

    private List<String> notes() {
        return reader.notes().stream().map(n -> n.substring(n.lastIndexOf("export.csv"))).toList();
    }
}
