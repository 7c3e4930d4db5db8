package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The 837 reader on small made-up files, one per scenario, in src/test/resources/x12. */
class X12ClaimReaderTest {
    static final Path FIXTURES = Path.of("src/test/resources/x12");
    /** Subscriber and patient values in the fixtures, which no message or reject may carry. */
    private static final List<String> PHI = List.of("DOE", "JANE", "JOHN", "ROE", "RILEY", "RICHARD", "MEMBER000",
            "SECRETMEMBER7", "OTHERMEMBER9", "FICTIONAL", "INVENTED", "19700101", "20100505", "19500202");

    private final List<ClaimLine> lines = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();

    private long read(String fixture) throws InputException {
        return new X12ClaimReader().read(FIXTURES.resolve(fixture), 0, ClaimSink.of(lines::add, rejects::add));
    }

    private ClaimLine line(String claimId, int lineNumber) {
        return lines.stream().filter(l -> l.claimId().equals(claimId) && l.lineNumber() == lineNumber).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + claimId + "/" + lineNumber + " in " + lines));
    }

    @Test
    void professionalClaimLevelValuesApplyUnlessTheLineHasItsOwn() throws InputException {
        assertEquals(4, read("professional-claim-and-line-level.837"));
        assertEquals(List.of(), rejects);
        ClaimLine first = line("PC-1001", 1);
        assertEquals("88305", first.code());
        assertEquals(List.of("26"), first.modifiers().values());
        assertEquals(LocalDate.of(2025, 3, 11), first.dateOfService());
        assertEquals(1, first.units());
        assertEquals(new BigDecimal("125.00"), first.charge());
        assertEquals("1900000013", first.billingNpi());
        assertEquals("1999000114", first.renderingNpi(), "2310B claim-level rendering provider");
        assertEquals("81", first.placeOfService(), "CLM05-1");
        assertEquals(ClaimType.PROFESSIONAL, first.claimType());
        assertEquals("", first.typeOfBill());
        assertEquals(List.of("C50911", "R928"), first.diagnosisCodes());
        assertEquals("PAYER01", first.payerId());
        assertEquals("MEMBER0001", first.patientId());

        ClaimLine second = line("PC-1001", 2);
        assertEquals(LocalDate.of(2025, 3, 12), second.dateOfService(), "the line's own DTP*472");
        assertEquals("1999000221", second.renderingNpi(), "2420A line-level rendering provider");
        assertEquals("11", second.placeOfService(), "SV105 overrides CLM05-1");
        assertEquals(1, second.units(), "1.0 units is read as 1");

        ClaimLine third = line("PC-1001", 3);
        assertEquals(LocalDate.of(2025, 3, 11), third.dateOfService(), "RD8: the range's first day");
        assertEquals("1999000114", third.renderingNpi());
    }

    @Test
    void aServiceLineSegmentRepeatedOverClaimsIsReadAsEachClaimAndTagSay() throws InputException {
        String isa = "ISA*00*          *00*          *ZZ*LABA           *ZZ*MADEUPPAYER    *250311*0900*^*00501*"
                + "000000301*0*T*:~";
        StringBuilder text = new StringBuilder(isa).append("GS*HC*LABA*MADEUPPAYER*20250311*0900*1*X*005010X222A1~"
                + "ST*837*0001*005010X222A1~HL*1**20*1~NM1*85*2*LAB A*****XX*1900000013~HL*2*1*22*0~"
                + "NM1*IL*1*MADE*UP****MI*M1~");
        // the same SV1 segments, with and without SV105 and with a bad charge, under claims of other places
        for (String pos : List.of("81", "11", "22")) {
            text.append("CLM*C-").append(pos).append("*100.00***").append(pos).append(":B:1*Y*A*Y*Y~")
                    .append("LX*1~SV1*HC:88305:26*125.00*UN*1***1~DTP*472*D8*20250311~")
                    .append("LX*2~SV1*HC:88305:26*125.00*UN*1*02**1~DTP*472*D8*20250311~")
                    .append("LX*3~SV1*HC:88342*9X.00*UN*1***1~DTP*472*D8*20250311~")
                    .append("LX*4~SV1*HC:88342*1O.00*UN*1***1~DTP*472*D8*20250311~");
        }
        text.append("SE*30*0001~GE*1*1~IEA*1*000000301~");
        new X12ClaimReader().read(new ByteArrayInputStream(text.toString().getBytes(
                StandardCharsets.US_ASCII)), "made-up.837", 0, ClaimSink.of(lines::add, rejects::add));
        assertEquals(List.of(), rejects);
        for (String pos : List.of("81", "11", "22")) {
            ClaimLine own = line("C-" + pos, 1);
            assertEquals(pos, own.placeOfService(), "no SV105: the claim's CLM05-1");
            assertEquals(Set.of(), own.unreadableFields());
            assertEquals(List.of("26"), own.modifiers().values());
            assertEquals(new BigDecimal("125.00"), own.charge());
            assertEquals("02", line("C-" + pos, 2).placeOfService(), "SV105 over the claim's");
            for (int lineNumber = 3; lineNumber <= 4; lineNumber++) {
                ClaimLine badCharge = line("C-" + pos, lineNumber);
                assertEquals(Set.of(InputField.CHARGE), badCharge.unreadableFields(),
                        "a segment with a value that does not read is read again each time");
                assertNull(badCharge.charge());
                assertEquals(pos, badCharge.placeOfService());
            }
        }
    }

    @Test
    void theSameElementsUnderSv1AndSv2AreReadAsEachTagSays() throws InputException {
        String isa = "ISA*00*          *00*          *ZZ*LABA           *ZZ*MADEUPPAYER    *250311*0900*^*00501*"
                + "000000301*0*T*:~";
        // SV1's code is its first element, SV2's its second: "0300*HC:88305*..." is a revenue-code-only SV1 line
        String text = isa + "GS*HC*LABA*MADEUPPAYER*20250311*0900*1*X*005010X223A2~ST*837*0001~"
                + "HL*1**20*1~NM1*85*2*LAB A*****XX*1900000013~HL*2*1*22*0~NM1*IL*1*MADE*UP****MI*M1~"
                + "CLM*I-1*100.00***13:A:1*Y*A*Y*Y~DTP*434*RD8*20250311-20250312~"
                + "LX*1~SV2*0300*HC:88305*125.00*UN*1~LX*2~SV1*0300*HC:88305*125.00*UN*1~"
                + "SE*10*0001~GE*1*1~IEA*1*000000301~";
        new X12ClaimReader().read(new ByteArrayInputStream(text.getBytes(
                StandardCharsets.US_ASCII)), "made-up.837", 0, ClaimSink.of(lines::add, rejects::add));
        assertEquals("88305", line("I-1", 1).code());
        assertEquals("0300", line("I-1", 1).revenueCode());
        assertEquals(1, rejects.size());
        assertEquals("SV1-01", rejects.get(0).field());
    }

    @Test
    void claimLevelDateAndThePatientLoopAndNotTheOtherPayersLoop() throws InputException {
        read("professional-claim-and-line-level.837");
        ClaimLine dependant = line("PC-1002", 1);
        assertEquals(LocalDate.of(2025, 3, 10), dependant.dateOfService(), "claim-level DTP*472");
        assertEquals("PAYER02", dependant.payerId(), "2010BB, not the 2330B other payer");
        assertEquals(2, dependant.units());
        ClaimLine subscriber = line("PC-1001", 1);
        assertFalse(dependant.patientId().isEmpty());
        assertFalse(dependant.patientId().contains("OTHERMEMBER9"), "2330A other subscriber is not the patient");
        assertTrue(!dependant.patientId().equals(subscriber.patientId()));
        assertEquals("", dependant.renderingNpi());
    }

    @Test
    void institutionalTypeOfBillRevenueCodeStatementDatesAndARevenueOnlyLine() throws InputException {
        assertEquals(3, read("institutional-opps-and-revenue-only-line.837i"));
        ClaimLine first = line("HO-2001", 1);
        assertEquals(ClaimType.INSTITUTIONAL, first.claimType());
        assertEquals("0131", first.typeOfBill(), "CLM05 13:A:1");
        assertTrue(first.isHospitalOutpatient());
        assertEquals("0310", first.revenueCode());
        assertEquals("88305", first.code());
        assertEquals(List.of("26"), first.modifiers().values());
        assertEquals(LocalDate.of(2025, 3, 11), first.dateOfService(), "DTP*434 statement from-date");
        assertEquals("1999000114", first.renderingNpi(), "NM1*82, not the attending NM1*71");
        assertEquals("", first.placeOfService());
        assertEquals(List.of("C61"), first.diagnosisCodes(), "BH occurrence codes are not diagnoses");
        assertEquals(LocalDate.of(2025, 3, 12), line("HO-2001", 2).dateOfService());
        assertEquals(1, rejects.size(), "a revenue-code-only line is set aside alone");
        Reject revenueOnly = rejects.get(0);
        assertEquals("SV2-02", revenueOnly.field());
        assertEquals("SV2*0300**80.00*UN*1~", revenueOnly.raw());
        assertTrue(revenueOnly.source().position().contains("LX 3"), revenueOnly.source().position());
    }

    @Test
    void separatorsFromEachIsaSeveralEnvelopesAndNoLineBreaks() throws InputException {
        assertEquals(3, read("two-interchanges-other-separators-no-line-breaks.837"));
        assertEquals(List.of(), rejects);
        assertEquals(List.of("26", "59"), line("MI-1", 1).modifiers().values());
        assertEquals("0753T", line("MI-3", 1).code(), "second interchange: | elements, > components, ! segments");
        assertEquals("81", line("MI-3", 1).placeOfService());
        ClaimLine third = line("MI-3", 1);
        assertEquals("ST 0003 CLM MI-3 LX 1 SV1 at segment 49", third.source().position(),
                "no line number in a file without line breaks");
        assertEquals(49, third.source().line());
    }

    @Test
    void positionNamesTransactionClaimLxSegmentAndLine() throws InputException {
        read("professional-claim-and-line-level.837");
        ClaimLine second = line("PC-1001", 2);
        assertEquals("ST 0001 CLM PC-1001 LX 2 SV1 at segment 26 (line 26)", second.source().position());
        assertEquals(26, second.source().line());
        assertEquals(second.source().position(), second.source().lineLabel());
    }

    @Test
    void anUnreadableClaimGoesToTheRejectsWholeAndTheRestGoesOn() throws InputException {
        assertEquals(7, read("bad-claims-among-good.837"), "lines read = scrubbed + rejected");
        assertEquals(List.of("BAD-1", "BAD-6"), lines.stream().map(ClaimLine::claimId).toList());
        assertEquals(List.of("BAD-2", "BAD-2", "BAD-3", "BAD-4", "BAD-5"),
                rejects.stream().map(Reject::claimId).toList());
        Reject goodLineOfBadClaim = rejects.get(0);
        Reject badLine = rejects.get(1);
        assertEquals("SV1-01", goodLineOfBadClaim.field());
        assertEquals("SV1-01", badLine.field());
        assertTrue(badLine.reason().contains("'8830'") && badLine.reason().contains("segment 26"), badLine.reason());
        assertTrue(goodLineOfBadClaim.reason().contains("whole claim (2 lines)"), goodLineOfBadClaim.reason());
        assertEquals("SV1*HC:88305*100.00*UN*1***1~", goodLineOfBadClaim.raw(), "each line's own segment");
        assertEquals("SV1-04", rejects.get(2).field(), "fractional units are rejected, as in CSV");
        assertEquals("LX-01", rejects.get(3).field(), "SV1 without LX");
        assertEquals("DTP-03", rejects.get(4).field(), "impossible date");
        assertTrue(rejects.get(4).reason().contains("'20250230'"));
    }

    @Test
    void aClaimWithoutServiceLinesIsReportedNotDropped(@TempDir Path dir) throws IOException, InputException {
        String text = Files.readString(FIXTURES.resolve("bad-claims-among-good.837"));
        String withoutLines = text.replace("LX*1~\nSV1*HC:88305*100.00*UN*1***1~\nDTP*472*D8*20250311~\nHL", "HL");
        Path file = dir.resolve("no-lines.837");
        Files.writeString(file, withoutLines);
        long read = new X12ClaimReader().read(file, 0, ClaimSink.of(lines::add, rejects::add));
        assertEquals(lines.size() + rejects.size(), read);
        Reject noLines = rejects.get(0);
        assertEquals("BAD-1", noLines.claimId());
        assertTrue(noLines.reason().contains("no service line"), noLines.reason());
    }

    @Test
    void messagesAndRawTextNeverCarrySubscriberOrPatientData() throws InputException {
        read("bad-claims-among-good.837");
        read("institutional-opps-and-revenue-only-line.837i");
        for (Reject r : rejects) {
            for (String phi : PHI) {
                assertFalse(r.reason().contains(phi) || r.raw().contains(phi) || r.describe().contains(phi)
                        || r.source().position().contains(phi), phi + " in " + r.describe() + " / " + r.raw());
            }
        }
        for (String fixture : List.of("unterminated-interchange.837", "not-an-837.x12", "short-isa.837")) {
            InputException e = assertThrows(InputException.class, () -> read(fixture));
            for (String phi : PHI) {
                assertFalse(e.getMessage().contains(phi), phi + " in " + e.getMessage());
            }
        }
    }

    @Test
    void envelopesThatCannotBeReadStopTheReadNamingFileAndSegment() {
        InputException unterminated = assertThrows(InputException.class, () -> read("unterminated-interchange.837"));
        assertTrue(unterminated.getMessage().startsWith(FIXTURES.resolve("unterminated-interchange.837") + " after"
                + " segment 18"), unterminated.getMessage());
        InputException notClaims = assertThrows(InputException.class, () -> read("not-an-837.x12"));
        assertTrue(notClaims.getMessage().contains("ST at segment 3 (line 3)")
                && notClaims.getMessage().contains("'835' is not an 837"), notClaims.getMessage());
        InputException shortIsa = assertThrows(InputException.class, () -> read("short-isa.837"));
        assertTrue(shortIsa.getMessage().contains("first ISA segment"), shortIsa.getMessage());
    }

    @Test
    void aTransactionWithoutSeIsAnEnvelopeError(@TempDir Path dir) throws IOException {
        String text = Files.readString(FIXTURES.resolve("bad-claims-among-good.837"));
        Path file = dir.resolve("no-se.837");
        Files.writeString(file, text.replaceAll("SE\\*\\d+\\*0001~\n", ""));
        InputException e = assertThrows(InputException.class,
                () -> new X12ClaimReader().read(file, 0, ClaimSink.of(lines::add, rejects::add)));
        assertTrue(e.getMessage().contains("mandatory segment missing (SE)"), e.getMessage());
    }

    @Test
    void formatIsDetectedFromContentOrForced() throws IOException, InputException {
        assertEquals(InputFormat.X12, InputFormat.detect(stream("\uFEFF \r\nISA*00*")));
        assertEquals(InputFormat.CSV, InputFormat.detect(stream("claim_id,line_number\n")));
        assertEquals(InputFormat.CSV, InputFormat.detect(stream("IS")));
        long read = new ClaimFileReader(InputFormat.AUTO, CsvReadOptions.DEFAULT).read(FIXTURES.resolve("professional-claim-and-line-level"
                + ".837"), 0, ClaimSink.of(lines::add, rejects::add));
        assertEquals(4, read);
        InputException forcedCsv = assertThrows(InputException.class, () -> new ClaimFileReader(InputFormat.CSV, CsvReadOptions.DEFAULT)
                .read(FIXTURES.resolve("professional-claim-and-line-level.837"), 0, ClaimSink.of(l -> { }, r -> { })));
        assertTrue(forcedCsv.getMessage().contains("a header row naming the columns is required"),
                forcedCsv.getMessage());
        InputException forcedX12 = assertThrows(InputException.class, () -> new ClaimFileReader(InputFormat.X12, CsvReadOptions.DEFAULT)
                .read(Path.of("claims-samples/clean-batch.csv"), 0, ClaimSink.of(l -> { }, r -> { })));
        assertTrue(forcedX12.getMessage().contains("not a readable X12 interchange"), forcedX12.getMessage());
    }

    @Test
    void repeatedLineNumbersAreSetAsideWithTheirSegmentText(@TempDir Path dir) throws IOException, InputException {
        String text = Files.readString(FIXTURES.resolve("professional-claim-and-line-level.837"));
        Path file = dir.resolve("repeated-lx.837");
        Files.writeString(file, text.replace("LX*3~", "LX*2~"));
        DuplicateLineNumbers duplicates = new DuplicateLineNumbers();
        List<Reject> repeated = new ArrayList<>();
        X12ClaimReader.withoutDuplicateCheck().read(file, 0, new ClaimSink() {
            @Override
            public void accept(ClaimLine line) {
                throw new AssertionError("every line comes with its raw text");
            }

            @Override
            public void accept(ClaimLine line, Supplier<String> raw) {
                try {
                    Reject r = duplicates.check(line, raw);
                    if (r != null) {
                        repeated.add(r);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void reject(Reject reject) {
                rejects.add(reject);
            }
        });
        assertEquals(1, repeated.size());
        assertEquals("SV1*HC:88342*108.00*UN*1***1~", repeated.get(0).raw());
    }

    @Test
    void segmentTextUsesTheFileSeparators() throws IOException, X12Tokenizer.X12SyntaxException {
        String isa = "ISA|00|          |00|          |ZZ|LABA           |ZZ|MADEUPPAYER    |250311|0900|^|00501|"
                + "000000401|0|T|>!";
        X12Tokenizer tokenizer = new X12Tokenizer(stream(isa + "\r\nSV1|HC>88305>26^X>99999|90||1!"), tag -> true);
        assertEquals("ISA", tokenizer.next().tag());
        X12Segment segment = tokenizer.next();
        assertEquals("SV1|HC>88305>26^X>99999|90||1!", segment.text());
        assertEquals(2, segment.ordinal());
        assertEquals(2, segment.line());
        assertEquals("26", segment.component(1, 3));
        assertEquals(3, segment.components(1), "the first repetition only");
        assertEquals("", segment.component(1, 4));
        assertEquals("90", segment.element(2));
        assertEquals("", segment.element(3));
        assertEquals("1", segment.element(4));
        assertEquals("", segment.component(9, 1));
        assertEquals(null, tokenizer.next());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
