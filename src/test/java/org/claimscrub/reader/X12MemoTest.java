package org.claimscrub.reader;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The byte-keyed memo of the 837 reader: a value is parsed once, a bad one every time, keys by bytes and salt. */
class X12MemoTest {
    private static final String ISA = "ISA*00*          *00*          *ZZ*LABA           *ZZ*MADEUPPAYER    *250311*"
            + "0900*^*00501*000000301*0*T*:~";

    private static X12Segment segment(String text) throws IOException, X12Tokenizer.X12SyntaxException {
        X12Tokenizer t = new X12Tokenizer(new ByteArrayInputStream((ISA + text).getBytes(StandardCharsets.UTF_8)),
                tag -> true);
        t.next();
        return t.next();
    }

    @Test
    void aRepeatedValueIsParsedOnceAndABadOneEveryTime() throws Exception {
        AtomicInteger parses = new AtomicInteger();
        X12Memo<Integer> units = new X12Memo<>((field, value) -> {
            parses.incrementAndGet();
            return Fields.units(field, value);
        });
        X12Segment first = segment("SV1*HC:88305*90*UN*12~");
        X12Segment second = segment("SV1*HC:88305:26*40*UN*12~");
        Integer a = units.parse("SV1-04", first, first.span(4, 1));
        Integer b = units.parse("SV1-04", second, second.span(4, 1));
        assertEquals(12, a);
        assertSame(a, b);
        assertEquals(1, parses.get());
        X12Segment bad = segment("SV1*HC:88305*90*UN*1X~");
        assertThrows(FieldException.class, () -> units.parse("SV1-04", bad, bad.span(4, 1)));
        assertThrows(FieldException.class, () -> units.parse("SV1-04", bad, bad.span(4, 1)));
        assertEquals(3, parses.get(), "a value that does not parse is not remembered");
    }

    @Test
    void keysAreTheBytesAndTheSalt() throws Exception {
        X12Memo<String> memo = new X12Memo<>();
        X12Segment sv1 = segment("SV1*HC:88305:26*90~");
        long composite = sv1.tail(1, 1);
        assertEquals("HC:88305:26", sv1.text(composite));
        memo.put(sv1.data(), composite, ':', "with colons");
        X12Segment same = segment("SV1*HC:88305:26*15~");
        assertEquals("with colons", memo.get(same.data(), same.tail(1, 1), ':'));
        assertNull(memo.get(same.data(), same.tail(1, 1), '>'), "another component separator, another key");
        X12Segment other = segment("SV1*HC:88305:59*90~");
        assertNull(memo.get(other.data(), other.tail(1, 1), ':'));
        assertEquals("88305:59", other.text(other.tail(1, 2)));
        assertEquals("", other.text(other.tail(1, 4)), "fewer components than asked for: empty");
    }

    @Test
    void theSameBytesUnderAnotherComponentSeparatorAreReadAgain() throws InputException {
        String claim = "GS*HC*LABA*MADEUPPAYER*20250311*0900*1*X*005010X222A1~ST*837*0001*005010X222A1~"
                + "HL*1**20*1~NM1*85*2*LAB A*****XX*1900000013~HL*2*1*22*0~NM1*IL*1*MADE*UP****MI*M1~"
                + "CLM*C-%s*125.00***81:B:1*Y*A*Y*Y~HI*ABK:D485~LX*1~SV1*HC:88305:26*125.00*UN*1***1~"
                + "DTP*472*D8*20250311~SE*9*0001~GE*1*1~IEA*1*000000301~";
        // the second interchange declares '>' as its component separator: there "HC:88305:26" is one component
        String second = ISA.replace(":~", ">~") + String.format(claim, "2").replace("81:B:1", "81>B>1")
                .replace("ABK:D485", "ABK>D485");
        String text = ISA + String.format(claim, "1") + second;
        java.util.List<org.claimscrub.model.ClaimLine> lines = new java.util.ArrayList<>();
        java.util.List<org.claimscrub.model.Reject> rejects = new java.util.ArrayList<>();
        new X12ClaimReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "made-up.837", 0,
                ClaimSink.of(lines::add, rejects::add));
        assertEquals(1, lines.size());
        assertEquals("88305", lines.get(0).code());
        assertEquals(java.util.List.of("D485"), lines.get(0).diagnosisCodes());
        assertEquals(1, rejects.size());
        assertEquals("C-2", rejects.get(0).claimId());
        assertEquals("SV1-01", rejects.get(0).field());
    }

    @Test
    void longKeysAreTheirBytesAndSaltWordByWord() {
        X12Memo<String> memo = new X12Memo<>();
        int keys = 600; // more than the first tables hold: they grow
        for (int i = 0; i < keys; i++) {
            byte[] key = ("SV1*HC:88305:26*125.00*UN*" + i).getBytes(StandardCharsets.US_ASCII);
            memo.put(key, X12Segment.between(0, key.length), 7, "v" + i);
        }
        for (int i = 0; i < keys; i++) {
            // the same bytes at another offset of a longer buffer
            byte[] data = ("~~~SV1*HC:88305:26*125.00*UN*" + i + "~").getBytes(StandardCharsets.US_ASCII);
            long span = X12Segment.between(3, data.length - 1);
            assertEquals("v" + i, memo.get(data, span, 7));
            assertNull(memo.get(data, span, 8), "another salt, another key");
        }
        byte[] longer = "SV1*HC:88305:26*125.00*UN*6000".getBytes(StandardCharsets.US_ASCII);
        assertNull(memo.get(longer, X12Segment.between(0, longer.length), 7));
        assertNull(memo.get(longer, X12Segment.between(0, longer.length - 1), 7),
                "bytes in the key's last word differ (600 is not a key)");
    }

    @Test
    void separatorSetsSaltDifferently() {
        X12Segment.X12Delimiters usual = new X12Segment.X12Delimiters('~', '*', ':', '^');
        assertEquals(usual.salt(), new X12Segment.X12Delimiters('\n', '*', ':', '^').salt(),
                "the terminator is never inside a key");
        java.util.Set<Integer> salts = new java.util.HashSet<>(java.util.List.of(usual.salt(),
                new X12Segment.X12Delimiters('~', '*', '>', '^').salt(),
                new X12Segment.X12Delimiters('~', '|', ':', '^').salt(),
                new X12Segment.X12Delimiters('~', '*', ':', X12Segment.X12Delimiters.NONE).salt(),
                new X12Segment.X12Delimiters('~', '*', ':', '!').salt()));
        assertEquals(5, salts.size());
    }

    @Test
    void aWholeSegmentIsReadOnceAndABadOneEveryTime() throws Exception {
        X12Memo<String> memo = new X12Memo<>();
        AtomicInteger reads = new AtomicInteger();
        X12Segment first = segment("NM1*82*1*RENDERING*PROVIDER****XX*1999000635~");
        X12Segment again = segment("NM1*82*1*RENDERING*PROVIDER****XX*1999000635~");
        X12Segment other = segment("NM1*85*1*RENDERING*PROVIDER****XX*1999000635~");
        SegmentRead read = s -> {
            reads.incrementAndGet();
            return Fields.npi("NM1*82-09", s.element(9));
        };
        assertEquals("1999000635", memo.ofSegment(first, () -> read.of(first)));
        assertEquals("1999000635", memo.ofSegment(again, () -> read.of(again)));
        assertEquals(1, reads.get(), "the same bytes: read once");
        memo.ofSegment(other, () -> read.of(other));
        assertEquals(2, reads.get(), "another tag or element: another key");
        X12Segment bad = segment("NM1*82*1*RENDERING*PROVIDER****XX*1999000636~");
        assertThrows(FieldException.class, () -> memo.ofSegment(bad, () -> read.of(bad)));
        assertThrows(FieldException.class, () -> memo.ofSegment(bad, () -> read.of(bad)));
        assertEquals(4, reads.get(), "a segment that does not read is not remembered");
    }

    /** Reads a value from a segment. */
    @FunctionalInterface
    private interface SegmentRead {
        String of(X12Segment segment) throws FieldException;
    }

    @Test
    void itKeepsAtMostTheCellMemoBound() {
        X12Memo<String> memo = new X12Memo<>();
        for (int i = 0; i < CellMemo.MAX_ENTRIES + 10; i++) {
            byte[] key = String.format("%06d", i).getBytes(StandardCharsets.US_ASCII);
            memo.put(key, X12Segment.between(0, 6), 0, "v" + i);
        }
        assertEquals("v0", memo.get(String.format("%06d", 0).getBytes(StandardCharsets.US_ASCII),
                X12Segment.between(0, 6), 0));
        assertNull(memo.get(String.format("%06d", CellMemo.MAX_ENTRIES + 5).getBytes(StandardCharsets.US_ASCII),
                X12Segment.between(0, 6), 0), "past the bound, values are parsed each time");
    }
}
