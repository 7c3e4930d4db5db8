package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.CodeForm;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvClaimReaderTest {
    private static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,"
            + "patient_id,billing_npi,rendering_npi,claim_type,type_of_bill,place_of_service,charge,diagnosis_codes,"
            + "revenue_code";
    private static final String GOOD = "C1,1,2025-03-10,88305,,1,PT1,1234567893,,professional,,81,125.00,C50.911,";

    @TempDir
    Path dir;

    private final List<ClaimLine> lines = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();

    private long read(String... rows) throws Exception {
        Path file = dir.resolve("claims.csv");
        Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return new CsvClaimReader().read(file, 0, ClaimSink.of(lines::add, rejects::add));
    }

    @Test
    void readsEveryColumn() throws Exception {
        read(HEADER, "C1,2,2025-03-10,0753t,tc 59,2,PT1,1234567893,1245319599,institutional,131,,1250.50,"
                + "c50.911|Z85.3,310");
        assertEquals(List.of(), rejects);
        ClaimLine l = lines.get(0);
        assertEquals("C1", l.claimId());
        assertEquals(2, l.lineNumber());
        assertEquals(LocalDate.of(2025, 3, 10), l.dateOfService());
        assertEquals("0753T", l.code());
        assertEquals(List.of("TC", "59"), l.modifiers().values());
        assertEquals(2, l.units());
        assertEquals(ClaimType.INSTITUTIONAL, l.claimType());
        assertEquals("0131", l.typeOfBill());
        assertEquals("0310", l.revenueCode());
        assertEquals(new BigDecimal("1250.50"), l.charge());
        assertEquals(List.of("C50.911", "Z85.3"), l.diagnosisCodes());
        assertEquals(2, l.source().line());
        assertTrue(l.isHospitalOutpatient());
    }

    @Test
    void headerNamesAreCaseInsensitiveInAnyOrderAndOptionalColumnsMayBeAbsent() throws Exception {
        read("Units,Procedure Code,DATE_OF_SERVICE,line-number,Claim_ID", " 3 , 88305 ,03/11/2025,1,C9");
        assertEquals(List.of(), rejects);
        ClaimLine l = lines.get(0);
        assertEquals(3, l.units());
        assertEquals(LocalDate.of(2025, 3, 11), l.dateOfService());
        assertEquals(ClaimType.PROFESSIONAL, l.claimType());
        assertEquals("", l.patientId());
    }

    @ParameterizedTest(name = "modifiers \"{0}\"")
    @CsvSource(delimiter = ';', value = {"26 59;26|59", "26,59;26|59", "26:59;26|59", "26|59;26|59", "rt;RT",
        "' 26  59 ';26|59"})
    void modifiersTakeAnyUsualSeparator(String cell, String expected) throws Exception {
        read(HEADER, "C1,1,2025-03-10,88305,\"" + cell + "\",1,PT1,1234567893,,,,,,,");
        assertEquals(List.of(), rejects);
        assertEquals(List.of(expected.split("\\|")), lines.get(0).modifiers().values());
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is rejected")
    @CsvSource(delimiter = ';', value = {
        "claim_id;'';required value is missing",
        "line_number;0;1 digit, not a positive whole number",
        "date_of_service;2024-02-30;a date that does not exist",
        "date_of_service;13/01/2025;a date that does not exist",
        "date_of_service;2025-3-10;9 characters with digits and other characters, not a date in yyyy-MM-dd",
        "procedure_code;7830;4 digits, not a CPT or HCPCS code",
        "procedure_code;88-305;6 characters with digits and other characters, not a CPT or HCPCS code",
        "modifiers;266;a modifier of 3 digits, not 2 letters or digits",
        "modifiers;26 59 76 77 91;5 modifiers given; a line takes at most 4",
        "units;0;1 digit, not a positive whole number of units",
        "units;-1;2 characters with digits and other characters, not a positive whole number of units",
        "units;1.5;3 characters with digits and other characters, not a positive whole number of units",
        "units;two;3 characters with letters, not a positive whole number of units",
        "billing_npi;1234567890;NPI fails its check digit",
        "billing_npi;PHI-SECRET-SW0;14 characters with letters, digits and other characters, not a 10-digit NPI",
        "claim_type;dental;6 characters with letters, not professional or institutional",
        "type_of_bill;19;2 digits, not a 3- or 4-digit type of bill"})
    void badCellOfAFieldTheEditsNeedRejectsTheLineWithFieldAndReason(String field, String value, String reason)
            throws Exception {
        String[] cells = GOOD.split(",", -1);
        List<String> columns = List.of(HEADER.split(","));
        cells[columns.indexOf(field)] = value;
        long read = read(HEADER, GOOD.replace("C1,1", "C0,1"), String.join(",", cells));
        assertEquals(2, read);
        assertEquals(1, lines.size());
        assertEquals(1, rejects.size());
        Reject r = rejects.get(0);
        assertEquals(field, r.field());
        assertTrue(r.reason().startsWith(reason), r.reason());
        assertFalse(!value.isEmpty() && r.reason().contains(value), "the reason never quotes the cell: " + r.reason());
        assertEquals(3, r.source().line());
        cells[columns.indexOf("patient_id")] = CsvClaimReader.PATIENT_MASK;
        assertEquals(String.join(",", cells), r.raw());
    }

    @ParameterizedTest(name = "{0} = \"{1}\" keeps the line with the field empty")
    @CsvSource(delimiter = ';', value = {
        "rendering_npi;12345;RENDERING_NPI",
        "place_of_service;8x;PLACE_OF_SERVICE",
        "charge;abc;CHARGE",
        "diagnosis_codes;50.9;DIAGNOSIS_CODES",
        "revenue_code;31;REVENUE_CODE"})
    void badCellOfAFieldNoEditNeedsKeepsTheLineAndNamesTheField(String field, String value, InputField unreadable)
            throws Exception {
        String[] cells = GOOD.split(",", -1);
        cells[List.of(HEADER.split(",")).indexOf(field)] = value;
        assertEquals(1, read(HEADER, String.join(",", cells)));
        assertEquals(List.of(), rejects);
        ClaimLine line = lines.get(0);
        assertEquals(Set.of(unreadable), line.unreadableFields());
        assertEquals(field, line.unreadableFieldNames());
        switch (unreadable) {
            case CHARGE -> assertEquals(null, line.charge());
            case DIAGNOSIS_CODES -> assertEquals(List.of(), line.diagnosisCodes());
            case RENDERING_NPI -> assertEquals("", line.renderingNpi());
            case PLACE_OF_SERVICE -> assertEquals("", line.placeOfService());
            case REVENUE_CODE -> assertEquals("", line.revenueCode());
        }
    }

    @Test
    void everyBadCellOfALineIsReportedInOneRejectSoTheCountsStayInLines() throws Exception {
        long read = read(HEADER, "C1,1,2025-02-30,8830,,two,PT1,1234567890,,professional,,81,abc,C50.911,");
        assertEquals(1, read);
        assertEquals(1, rejects.size());
        Reject r = rejects.get(0);
        assertEquals("date_of_service, procedure_code, units, billing_npi, charge", r.field());
        assertEquals("date_of_service: a date that does not exist (such as February 30 or month 13);"
                + " procedure_code: 4 digits, not a CPT or HCPCS code: expected " + CodeForm.expectedForms() + ";"
                + " units: 3 characters with letters, not a positive whole number of units (1 to 99999);"
                + " billing_npi: NPI fails its check digit (mistyped?); charge: 3 characters with letters, not an"
                + " amount (e.g. 125.00)", r.reason());
    }

    @Test
    void severalUnreadableFieldsNoEditNeedsAreAllNamedOnTheLine() throws Exception {
        read(HEADER, "C1,1,2025-03-10,88305,,1,PT1,1234567893,12345,professional,,8x,abc,50.9,31");
        assertEquals(List.of(), rejects);
        assertEquals("rendering_npi, place_of_service, charge, diagnosis_codes, revenue_code",
                lines.get(0).unreadableFieldNames());
    }

    @Test
    void placeOfServiceIsPaddedToTwoDigitsLikeTheTypeOfBill() throws Exception {
        read(HEADER, GOOD.replace(",81,", ",2,"));
        assertEquals("02", lines.get(0).placeOfService());
    }

    @Test
    void unitsWrittenAsWholeDecimalsAreAccepted() throws Exception {
        read(HEADER, GOOD.replace(",1,PT1", ",2.0,PT1"));
        assertEquals(2, lines.get(0).units());
    }

    @Test
    void shortAndLongRowsAreRejected() throws Exception {
        read(HEADER, "C1,1,2025-03-10,88305", GOOD.replace("C1,1", "C2,1") + ",extra");
        assertEquals(List.of("short row: 4 cells where the header has 15",
                "long row: 16 cells where the header has 15 (an unquoted separator?)"),
                rejects.stream().map(Reject::reason).toList());
    }

    @Test
    void aRepeatedLineNumberWithinAClaimRejectsTheLaterLine() throws Exception {
        read(HEADER, GOOD, GOOD.replace("88305", "88304"), GOOD.replace("C1,1", "C2,1"));
        assertEquals(2, lines.size());
        assertEquals("88305", lines.get(0).code());
        assertEquals(1, rejects.size());
        assertEquals("line_number", rejects.get(0).field());
        assertEquals(3, rejects.get(0).source().line());
    }

    @Test
    void blankLinesAndRowsOfOnlyEmptyCellsAreSkippedAndCountedInTheNotes() throws Exception {
        Path file = dir.resolve("claims.csv");
        Files.writeString(file, String.join("\n", HEADER, GOOD, "", ",,,,,,,,,,,,,,", GOOD.replace("C1,1", "C1,2"),
                " , ,,,,,,,,,,,,,") + "\n", StandardCharsets.UTF_8);
        CsvClaimReader reader = new CsvClaimReader();
        long read = reader.read(file, 0, ClaimSink.of(lines::add, rejects::add));
        assertEquals(2, read);
        assertEquals(List.of(), rejects);
        assertEquals(List.of(2L, 5L), lines.stream().map(l -> l.source().line()).toList());
        assertEquals(List.of(file + ": 3 rows of only empty cells skipped (lines 3, 4, 6)"), reader.notes());
    }

    @Test
    void quotedCellsWithLineBreaksKeepPhysicalLineNumbers() throws Exception {
        read(HEADER, "C1,1,2025-03-10,88305,,1,PT1,1234567893,,professional,,81,125.00,\"C50.911\nZ85.3\",",
                "C1,2,2025-03-10,88305,,0,PT1,1234567893,,,,,,,");
        assertEquals(List.of("C50.911", "Z85.3"), lines.get(0).diagnosisCodes());
        assertEquals(4, rejects.get(0).source().line());
    }

    @Test
    void countsReconcile() throws Exception {
        long read = read(HEADER, GOOD, "C1,x,2025-03-10,88305,,1,,,,,,,,,", GOOD.replace("C1,1", "C1,3"));
        assertEquals(read, lines.size() + rejects.size());
    }

    @Test
    void missingRequiredColumnStopsTheFileNamingIt() {
        InputException e = assertThrows(InputException.class,
                () -> read("claim_id,line_number,procedure_code", "C1,1,88305"));
        assertTrue(e.getMessage().endsWith("claims.csv line 1: missing required column(s): date_of_service, units;"
                + " the header row has: 'claim_id', 'line_number', 'procedure_code' (the first row must be a header"
                + " row; other names can be mapped with --column FIELD=HEADER, see docs/input-csv.md)"),
                e.getMessage());
    }

    @Test
    void emptyAndMissingFilesStopWithAClearMessage() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        CsvClaimReader reader = new CsvClaimReader();
        ClaimSink ignore = ClaimSink.of(line -> { }, reject -> { });
        assertTrue(assertThrows(InputException.class, () -> reader.read(empty, 0, ignore)).getMessage()
                .contains("the file is empty"));
        assertTrue(assertThrows(InputException.class, () -> reader.read(dir.resolve("nope.csv"), 0, ignore))
                .getMessage().endsWith("nope.csv: file not found"));
    }

    @Test
    void npiCheckDigitFollowsTheCmsLuhnRule() {
        assertTrue(Fields.hasValidNpiCheckDigit("1234567893"));
        assertTrue(Fields.hasValidNpiCheckDigit("1245319599"));
        assertTrue(!Fields.hasValidNpiCheckDigit("1234567890"));
    }

    @Test
    void manyBatchesReachTheSinkInInputOrderWithTheirLineNumbers() throws Exception {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 5_000; i++) {
            rows.add(i % 1_000 == 0 ? "C" + i + ",1,2025-03-10,BAD,,1,PT1,1234567893,,,,,,,"
                    : "C" + i + ",1,2025-03-10,88305,,1,PT1,1234567893,,,,,,,");
        }
        assertEquals(5_000, read(rows.toArray(String[]::new)));
        assertEquals(4_995, lines.size());
        assertEquals(5, rejects.size());
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i - 1).source().line() < lines.get(i).source().line(), "input order");
        }
        assertEquals(List.of(1_001L, 2_001L, 3_001L, 4_001L, 5_001L),
                rejects.stream().map(r -> r.source().line()).toList());
    }

    @Test
    void whatTheSinkThrowsComesOutOfReadAndNothingIsHandedOnAfterIt() throws Exception {
        Path file = dir.resolve("claims.csv");
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 10_000; i++) {
            rows.add("C" + i + ",1,2025-03-10,88305,,1,PT1,1234567893,,,,,,,");
        }
        Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        UncheckedIOException disk = new UncheckedIOException(new IOException("disk full"));
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () ->
                new CsvClaimReader().read(file, 0, ClaimSink.of(line -> {
                    if (lines.size() == 3_000) {
                        throw disk;
                    }
                    lines.add(line);
                }, rejects::add)));
        assertSame(disk, thrown);
        assertEquals(3_000, lines.size());
    }

    @Test
    void anUnclosedQuoteOnTheLastLineRejectsThatLineWithoutQuotingTheClaim() throws Exception {
        long read = read(HEADER, GOOD,
                "C2,1,2025-03-10,88305,\"26,1,PT-SECRET-77,1234567893,,professional,,81,125.00,C50.911,");
        assertEquals(2, read);
        assertEquals(1, rejects.size());
        Reject r = rejects.get(0);
        assertEquals(3, r.source().line());
        assertTrue(r.reason().contains("a quoted cell that starts on line 3 is never closed"), r.reason());
        assertFalse(r.reason().contains("PT-SECRET-77") || r.raw().contains("PT-SECRET-77"), r.raw());
    }
}
