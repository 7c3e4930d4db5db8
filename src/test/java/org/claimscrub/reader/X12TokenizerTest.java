package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.claimscrub.reader.X12ClaimReaderTest.FIXTURES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The X12 segment tokenizer and the envelope checks of the 837 reader, on made-up text. */
class X12TokenizerTest {
    private static final String ISA = "ISA*00*          *00*          *ZZ*LABA           *ZZ*MADEUPPAYER    *250311*"
            + "0900*^*00501*000000301*0*T*:~";

    private static X12Tokenizer tokenizer(String text) {
        return new X12Tokenizer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), tag -> true);
    }

    @Test
    void byteOrderMarkBlanksAndLineBreaksBetweenSegmentsAreSkippedAndLinesCounted()
            throws IOException, X12Tokenizer.X12SyntaxException {
        X12Tokenizer t = tokenizer("\uFEFF \r\n" + ISA + "\r\n\r\nGS*HC~  ST*837*0001~\nSE*2*0001");
        assertEquals(2, t.next().line());
        X12Segment gs = t.next();
        assertEquals("GS", gs.tag());
        assertEquals(4, gs.line());
        assertEquals(4, t.next().line(), "no line break before ST");
        X12Segment se = t.next();
        assertEquals("0001", se.element(2), "the last segment may end the file without its terminator");
        assertEquals(4, se.ordinal());
        assertNull(t.next());
    }

    @Test
    void aLineBreakMayBeTheSegmentTerminatorAndTheRepetitionSeparatorIsHonoured()
            throws IOException, X12Tokenizer.X12SyntaxException {
        String isa = ISA.replace("*^*", "*!*").replace(":~", ":\n");
        X12Tokenizer t = tokenizer(isa + "SV1*HC:88305:26!HC:99999*100*UN*1\nLX*2\n");
        assertEquals("ISA", t.next().tag());
        X12Segment sv1 = t.next();
        assertEquals("88305", sv1.component(1, 2));
        assertEquals(3, sv1.components(1), "the second repetition is not read");
        assertEquals("100", sv1.element(2));
        assertEquals(2, sv1.line());
        assertEquals(3, t.next().line());
        assertNull(t.next());
    }

    @Test
    void theIsaMustHaveItsFixedLayoutAndTagsMustBeLettersAndDigits() throws IOException,
            X12Tokenizer.X12SyntaxException {
        assertTrue(assertThrows(X12Tokenizer.X12SyntaxException.class, () -> tokenizer("GS*HC~").next())
                .getMessage().contains("does not start with an ISA"));
        assertTrue(assertThrows(X12Tokenizer.X12SyntaxException.class,
                () -> tokenizer(ISA.replace("LABA   ", "LABA")).next()).getMessage().contains("shorter"));
        assertTrue(assertThrows(X12Tokenizer.X12SyntaxException.class,
                () -> tokenizer(ISA.replace("LABA ", "LABA*") + "GS~").next()).getMessage()
                .contains("fixed layout"));
        X12Tokenizer t = tokenizer(ISA + "GS*HC~s,t*1~");
        t.next();
        t.next();
        X12Tokenizer.X12SyntaxException bad = assertThrows(X12Tokenizer.X12SyntaxException.class, t::next);
        assertEquals("segment 3 has no valid tag (2 or 3 letters and digits before the element separator)",
                bad.getMessage());
    }

    @Test
    void segmentsTheCallerDoesNotReadKeepOnlyTheirTagAndPosition() throws IOException,
            X12Tokenizer.X12SyntaxException {
        X12Tokenizer t = new X12Tokenizer(new ByteArrayInputStream((ISA + "SBR*P*18~").getBytes(
                StandardCharsets.US_ASCII)), tag -> !tag.equals("SBR"));
        t.next();
        X12Segment sbr = t.next();
        assertEquals("SBR", sbr.tag());
        assertEquals(2, sbr.ordinal());
        assertEquals("", sbr.element(1));
    }

    @Test
    void elementsReadInAnyOrderAndQualifiersComparedByTheirBytes() throws IOException,
            X12Tokenizer.X12SyntaxException {
        String isa = ISA.replace("*^*", "*!*");
        X12Tokenizer t = tokenizer(isa + "NM1*82*1*RENDERING*PROVIDER****XX*1999000635~HI*ABK:D485!BK:1234*AB~"
                + "SV1*HC:88305*90*UN*1~DTP*472*D8~");
        assertEquals(X12Tag.ISA, t.next().kind());
        X12Segment nm1 = t.next();
        assertEquals(X12Tag.NM1, nm1.kind());
        assertEquals("1999000635", nm1.element(9));
        assertEquals("RENDERING", nm1.element(3), "an element before the last one read");
        assertEquals("", nm1.element(5));
        assertEquals("PROVIDER", nm1.element(4));
        assertEquals("1999000635", nm1.element(9), "the same element again");
        assertEquals("", nm1.element(10), "past the last element");
        assertEquals("RENDERING", nm1.element(3));
        assertTrue(nm1.is(8, "XX"));
        assertTrue(nm1.is(1, "82"));
        assertFalse(nm1.is(1, "8"), "a value is the whole component, not its start");
        assertFalse(nm1.is(9, "1999000635X"));
        assertTrue(nm1.is(9, "1999000635"), "the last element ends at the segment's end");
        assertTrue(nm1.is(5, ""), "an empty element");
        assertTrue(nm1.is(12, ""), "an absent element is empty");
        assertFalse(nm1.is(12, "XX"));
        X12Segment hi = t.next();
        assertTrue(hi.is(1, "ABK"), "a composite's first component ends at the component separator");
        assertFalse(hi.is(1, "ABKD"), "the component is shorter");
        assertFalse(hi.is(1, "AB"), "the component is longer");
        assertTrue(hi.is(2, "AB"));
        assertEquals(2, hi.size());
        X12Segment sv1 = t.next();
        assertEquals(X12Tag.SV1, sv1.kind());
        assertTrue(sv1.kind().serviceLine());
        assertEquals("1", sv1.element(4));
        assertEquals("90", sv1.element(2));
        assertEquals("88305", sv1.component(1, 2));
        X12Segment dtp = t.next();
        assertEquals(X12Tag.DTP, dtp.kind());
        assertTrue(dtp.is(2, "D8"), "the last element, at the end of the input");
        assertFalse(dtp.is(2, "D"));
    }

    @Test
    void tagsOfTwoAndThreeBytesAreToldApartWhereverTheyRecur() throws IOException, X12Tokenizer.X12SyntaxException {
        List<String> tags = new ArrayList<>();
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b : new char[] {'A', 'B', 'Z', '0', '9'}) {
                tags.add("" + a + b);
                tags.add("" + a + b + '1');
                tags.add("" + a + b + 'A');
            }
        }
        StringBuilder text = new StringBuilder(ISA);
        for (int round = 0; round < 2; round++) {
            for (String tag : tags) {
                text.append(tag).append("*X~");
            }
        }
        X12Tokenizer t = tokenizer(text.toString());
        t.next();
        for (int round = 0; round < 2; round++) {
            for (String tag : tags) {
                X12Segment s = t.next();
                assertEquals(tag, s.tag());
                assertEquals(X12Tag.of(tag), s.kind());
            }
        }
        assertNull(t.next());
    }

    @Test
    void aRepetitionSeparatorEndsTheFirstRepetitionOfAValueComparedByItsBytes() throws IOException,
            X12Tokenizer.X12SyntaxException {
        X12Tokenizer t = tokenizer(ISA.replace("*^*", "*!*") + "DTP*472!473*D8*20250310~");
        t.next();
        X12Segment dtp = t.next();
        assertTrue(dtp.is(1, "472"));
        assertFalse(dtp.is(1, "473"), "only the first repetition is read");
        assertEquals(X12Tag.OTHER, X12Tag.of("SBR"));
        assertEquals(X12Tag.CLM, X12Tag.of("CLM"));
    }

    @Test
    void segmentsAcrossBufferRefillsAndShortReadsKeepTheirBytesAndLines() throws IOException,
            X12Tokenizer.X12SyntaxException {
        StringBuilder text = new StringBuilder(ISA).append('\n');
        int count = 30_000; // several buffers' worth
        for (int i = 1; i <= count; i++) {
            text.append("SV1*HC:88305:").append(i % 2 == 0 ? "26" : "TC").append('*').append(i).append(".00*UN*")
                    .append(i).append(i % 7 == 0 ? "*\n11" : "").append("~\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        // a stream that hands out 1 to 13 bytes at a time, so segments straddle every kind of refill
        java.io.InputStream trickle = new ByteArrayInputStream(bytes) {
            private int turn;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + turn++ % 13));
            }
        };
        X12Tokenizer t = new X12Tokenizer(trickle, tag -> true);
        t.next();
        List<X12Segment> segments = new ArrayList<>();
        X12Segment s;
        while ((s = t.next()) != null) {
            segments.add(s);
        }
        assertEquals(count, segments.size());
        int line = 2;
        for (int i = 1; i <= count; i++) {
            X12Segment sv1 = segments.get(i - 1);
            assertEquals(line, sv1.line());
            assertEquals(i % 2 == 0 ? "26" : "TC", sv1.component(1, 3));
            assertEquals(i + ".00", sv1.element(2));
            assertEquals(String.valueOf(i), sv1.element(4));
            assertEquals(i % 7 == 0 ? "\n11" : "", sv1.element(5));
            line += i % 7 == 0 ? 2 : 1;
        }
    }

    @Test
    void envelopeSegmentsOutOfPlaceStopTheReadNamingTheSegment() throws IOException {
        String text = Files.readString(FIXTURES.resolve("bad-claims-among-good.837"));
        assertTrue(envelopeError(text.replace("GE*1*301~\n", "")).contains(
                "IEA at segment 60 (line 60): envelope error mandatory segment missing (GE) before IEA"));
        assertTrue(envelopeError(text.replace("ST*837*0001*005010X222A1~\n", "")).contains(
                "segment BHT outside a transaction (no ST before it)"));
        assertTrue(envelopeError(text.replace("IEA*1*000000301~", "IEA*1*000000301~\nGS*HC~")).contains(
                "segment GS outside an interchange (no ISA before it)"));
        assertTrue(envelopeError(text.replace("GS*HC*LABA", "ST*837*0009~\nGS*HC*LABA")).contains(
                "segment ST outside a functional group (no GS before it)"));
    }

    private static String envelopeError(String text) {
        List<ClaimLine> lines = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        return assertThrows(InputException.class, () -> new X12ClaimReader().read(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), "made-up.837", 0, ClaimSink.of(lines::add, rejects::add)))
                .getMessage();
    }
}
