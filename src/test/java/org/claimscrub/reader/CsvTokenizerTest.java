package org.claimscrub.reader;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tokenizer's RFC 4180 contract, record by record. */
class CsvTokenizerTest {
    private static CsvTokenizer tokenizer(String text) {
        return new CsvTokenizer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static List<CsvTokenizer.Record> records(String text) throws IOException {
        CsvTokenizer csv = tokenizer(text);
        csv.detectSeparator();
        List<CsvTokenizer.Record> records = new ArrayList<>();
        CsvTokenizer.Record r;
        while ((r = csv.next()) != null) {
            records.add(r);
        }
        return records;
    }

    @Test
    void quotedCellsHoldSeparatorsDoubledQuotesAndLineBreaksExactly() throws IOException {
        List<CsvTokenizer.Record> records = records("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"1\r\n2\"\nlast,,");
        assertArrayEquals(new String[] {"x,y", "say \"hi\"", "1\r\n2"}, records.get(1).cells());
        assertArrayEquals(new String[] {"last", "", ""}, records.get(2).cells(), "no line break at the end");
        assertEquals(List.of(1L, 2L, 4L), records.stream().map(CsvTokenizer.Record::line).toList());
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsAnOrdinaryCharacter() throws IOException {
        assertArrayEquals(new String[] {"O\"Brien", "x"}, records("a,b\nO\"Brien,x\n").get(1).cells());
    }

    @Test
    void theSeparatorIsTheMostFrequentCandidateOutsideQuotes() throws IOException {
        assertEquals(';', tokenizer("\"a,b,c\";d;e\n").detectSeparator());
        assertEquals('\t', tokenizer("a\tb\tc,d\n").detectSeparator());
        assertEquals(0, tokenizer("a;b,c\n").detectSeparator(), "a tie is not guessed");
        assertEquals(0, tokenizer("abc\n").detectSeparator());
    }

    @Test
    void detectingTheSeparatorConsumesNothing() throws IOException {
        CsvTokenizer csv = tokenizer("a|b\n1|2\n");
        csv.detectSeparator();
        assertArrayEquals(new String[] {"a", "b"}, csv.next().cells());
        assertArrayEquals(new String[] {"1", "2"}, csv.next().cells());
        assertNull(csv.next());
    }

    @Test
    void aQuotedCellOpenPastTheLineBoundIsMalformedAndReadingResumesOnTheNextLine() throws IOException {
        StringBuilder text = new StringBuilder("a,b\n1,\"open\n");
        for (int i = 0; i < CsvTokenizer.MAX_RECORD_LINES + 5; i++) {
            text.append("r").append(i).append(",x\n");
        }
        List<CsvTokenizer.Record> records = records(text.toString());
        assertTrue(records.get(1).isMalformed());
        assertEquals("1,\"open", records.get(1).text());
        assertArrayEquals(new String[] {"r0", "x"}, records.get(2).cells());
        assertEquals(3L, records.get(2).line());
        assertEquals(CsvTokenizer.MAX_RECORD_LINES + 5 + 2, records.size());
    }
}
