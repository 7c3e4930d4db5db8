package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Issue 10, reader side: bytes kept as they are, encoding checked, PHI kept out of rejects, a parse linear on any input. */
class HostileCsvInputTest {
    private static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,"
            + "patient_id,billing_npi";
    private static final String SECRET = "PHI-SECRET-SW0";

    @TempDir
    Path dir;

    private final List<ClaimLine> lines = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();

    private static String row(String claim, int line) {
        return claim + "," + line + ",2025-03-10,88305,,1," + SECRET + ",1234567893";
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve("claims.csv");
        Files.write(file, bytes);
        return file;
    }

    private long read(CsvReadOptions options, byte[] bytes) throws Exception {
        return new CsvClaimReader(options).read(write(bytes), 0, ClaimSink.of(lines::add, rejects::add));
    }

    private long read(String text) throws Exception {
        return read(CsvReadOptions.DEFAULT, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void invalidUtf8StopsTheFileNamingTheLineOfTheFirstBadByte() throws IOException {
        byte[] bytes = concat((HEADER + "\n" + row("C1", 1) + "\n").getBytes(StandardCharsets.UTF_8),
                "CAF".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC9},
                (",1,2025-03-10,88305,,1," + SECRET + ",1234567893\n").getBytes(StandardCharsets.UTF_8));
        InputException e = assertThrows(InputException.class,
                () -> new CsvClaimReader().read(write(bytes), 0, ClaimSink.of(lines::add, rejects::add)));
        assertTrue(e.getMessage().contains("claims.csv line 3: byte(s) that are not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("--encoding"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aDeclaredLatin1EncodingKeepsAccentedClaimIdsApart() throws Exception {
        Charset latin = Charset.forName("windows-1252");
        byte[] bytes = (HEADER + "\n" + row("CAFÉ", 1) + "\n" + row("CAFÈ", 1) + "\n").getBytes(latin);
        read(new CsvReadOptions(latin, Map.of()), bytes);
        assertEquals(List.of(), rejects);
        assertEquals(List.of("CAFÉ", "CAFÈ"), lines.stream().map(ClaimLine::claimId).toList());
    }

    @Test
    void aCarriageReturnInsideAQuotedCellStaysACarriageReturn() throws Exception {
        read(HEADER + "\r\n\"A\rB\"" + row("", 1) + "\r\n\"A\r\nB\"" + row("", 1) + "\r\n");
        assertEquals(List.of(), rejects, "two claims, not one claim's line 1 twice");
        assertEquals(List.of("A\rB", "A\r\nB"), lines.stream().map(ClaimLine::claimId).toList());
        assertEquals(List.of(2L, 4L), lines.stream().map(l -> l.source().line()).toList(),
                "a lone CR inside quotes is a physical line too");
    }

    @Test
    void aByteOrderMarkBeforeAQuotedHeaderIsRead() throws Exception {
        String quotedHeader = "\"claim_id\",\"line_number\",\"date_of_service\",\"procedure_code\",\"modifiers\","
                + "\"units\",\"patient_id\",\"billing_npi\"";
        read(CsvReadOptions.DEFAULT, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (quotedHeader + "\n" + row("C1", 1) + "\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), rejects);
        assertEquals("C1", lines.get(0).claimId());
    }

    /**
     * opencsv rescanned the rest of the file behind a stray quote (10k lines 9 s, 40k 95 s); at 200k lines a
     * quadratic parser takes many minutes. Asserted on what is read, not on time.
     */
    @Test
    void aStrayQuoteNearTheTopOfALargeFileCostsOneLineAndTheRestIsRead() throws Exception {
        Path file = dir.resolve("stray-quote.csv");
        int count = 200_000;
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(HEADER + "\n");
            for (int i = 1; i <= count; i++) {
                out.write(i == 2 ? "C2,1,2025-03-10,88305,\"26,1," + SECRET + ",1234567893\n" : row("C" + i, 1) + "\n");
            }
        }
        long[] accepted = {0};
        List<Reject> rejected = new ArrayList<>();
        long read = new CsvClaimReader().read(file, 0, ClaimSink.of(l -> accepted[0]++, rejected::add));
        assertEquals(count, read);
        assertEquals(count - 1, accepted[0]);
        assertEquals(1, rejected.size());
        Reject r = rejected.get(0);
        assertEquals(3, r.source().line());
        assertTrue(r.reason().startsWith("a quoted cell that starts on line 3 is not closed within 100 lines"),
                r.reason());
        assertFalse(r.raw().contains(SECRET), r.raw());
    }

    @Test
    void aQuoteClosedLinesLaterWithTextAfterItRejectsOnlyTheLineItOpenedOn() throws Exception {
        read(String.join("\n", HEADER, row("C1", 1), "C2,1,2025-03-10,88305,\"26,1," + SECRET + ",1234567893",
                row("C3", 1), "\"C4\"x,1,2025-03-10,88305,,1," + SECRET + ",1234567893", row("C5", 1)) + "\n");
        assertEquals(List.of("C1", "C3", "C5"), lines.stream().map(ClaimLine::claimId).toList());
        assertEquals(List.of(3L, 5L), rejects.stream().map(r -> r.source().line()).toList());
        assertTrue(rejects.get(0).reason().startsWith("text after the closing quote of cell 5"),
                rejects.get(0).reason());
        assertTrue(rejects.get(1).reason().startsWith("text after the closing quote of cell 1"),
                rejects.get(1).reason());
        rejects.forEach(r -> assertFalse(r.raw().contains(SECRET), r.raw()));
    }

    @Test
    void aRecordLongerThanTheBoundIsRejectedAndReadingGoesOn() throws Exception {
        String huge = "C2" + "x".repeat(CsvTokenizer.MAX_RECORD_CHARS) + ",1,2025-03-10,88305,,1," + SECRET
                + ",1234567893";
        read(String.join("\n", HEADER, row("C1", 1), huge, row("C3", 1)) + "\n");
        assertEquals(List.of("C1", "C3"), lines.stream().map(ClaimLine::claimId).toList());
        assertEquals(1, rejects.size());
        assertTrue(rejects.get(0).reason().startsWith("the record is longer than 32768 characters"));
        assertFalse(rejects.get(0).raw().contains(SECRET));
    }

    @Test
    void aRejectsRawMasksThePatientIdOnEveryRejectPath() throws Exception {
        Path file = write((String.join("\n", HEADER,
                "C1,1,2025-03-10,8830,,1," + SECRET + ",1234567893",           // bad cell
                "C2,1,2025-03-10,88305,,1," + SECRET,                          // short row
                "C3,1,2025-03-10,88305,,1,x," + SECRET + ",1234567893",        // long row, shifted right
                "C4,1,2025-03-10,88305,,\"1," + SECRET + ",1234567893",        // unclosed quote
                row("C5", 1), row("C5", 1)) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<Long, String> rawOfLines = new HashMap<>();
        new CsvClaimReader().read(file, 0, new ClaimSink() {
            @Override
            public void accept(ClaimLine line) {
                throw new AssertionError("every line comes with its raw text");
            }

            @Override
            public void accept(ClaimLine line, Supplier<String> raw) {
                lines.add(line);
                rawOfLines.put(line.source().line(), raw.get());
            }

            @Override
            public void reject(Reject reject) {
                rejects.add(reject);
            }
        });
        assertEquals(List.of(2L, 3L, 4L, 5L, 7L), rejects.stream().map(r -> r.source().line()).toList());
        rejects.forEach(r -> assertFalse(r.raw().contains(SECRET), r.raw()));
        assertEquals("C1,1,2025-03-10,8830,,1,[patient_id],1234567893", rejects.get(0).raw());
        assertEquals("C3,1,2025-03-10,88305,,1,[patient_id],[withheld],1234567893", rejects.get(2).raw());
        assertEquals("C5,1,2025-03-10,88305,,1,[patient_id],1234567893", rejects.get(4).raw());
        rawOfLines.values().forEach(raw -> assertFalse(raw.contains(SECRET), raw));
        assertEquals(rejects.get(4).raw(), rawOfLines.get(6L),
                "a kept line's raw text (for a later repeated-line reject) is masked the same way");
    }

    @Test
    void reasonsNeverQuoteACellEvenWhenTheHeaderSwapsPatientAndNpi() throws Exception {
        read(HEADER.replace("patient_id,billing_npi", "billing_npi,patient_id") + "\n"
                + row("C1", 1) + "\n");
        assertEquals(1, rejects.size());
        Reject r = rejects.get(0);
        assertEquals("billing_npi", r.field());
        assertEquals("14 characters with letters, digits and other characters, not a 10-digit NPI", r.reason());
        assertFalse(r.describe().contains(SECRET));
    }

    @ParameterizedTest(name = "date of service {0} is impossible")
    @ValueSource(strings = {"-0001-01-01", "+10000-01-01", "10000-01-01", "1899-12-31", "2100-01-01",
        "01/01/+2025", "1/1/0000"})
    void datesWithoutAFourDigitYearInASaneRangeAreRejected(String date) throws Exception {
        read(HEADER + "\nC1,1," + date + ",88305,,1,P1,1234567893\n");
        assertEquals(List.of(), lines);
        assertEquals("date_of_service", rejects.get(0).field());
        assertFalse(rejects.get(0).reason().contains(date), rejects.get(0).reason());
    }

    @Test
    void theFirstAndLastYearsOfTheRangeAreDates() throws Exception {
        read(HEADER + "\nC1,1,1900-01-01,88305,,1,P1,1234567893\nC2,1,12/31/2099,88305,,1,P1,1234567893\n");
        assertEquals(List.of(), rejects);
        assertEquals(2, lines.size());
    }

    /** Physical line numbers keep counting through CRLF, LF and lone-CR line breaks, quoted or not. */
    @Test
    void physicalLineNumbersCountEveryKindOfLineBreak() throws Exception {
        read(HEADER + "\r\n" + row("C1", 1) + "\r" + "\"C2\n\"" + row("", 1) + "\n" + row("C3", 1));
        assertEquals(List.of(2L, 3L, 5L), lines.stream().map(l -> l.source().line()).toList());
    }
}
