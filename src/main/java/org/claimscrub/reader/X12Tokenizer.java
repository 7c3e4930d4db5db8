package org.claimscrub.reader;

import org.claimscrub.reader.X12Segment.X12Delimiters;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Splits X12 bytes into segments with the separators each ISA declares (element separator at ISA position 4,
 * repetition separator ISA11 from version 00402 on, component separator ISA16, segment terminator after it),
 * straight from a byte buffer: no per-character decoding, one scan for terminators. Line breaks and blanks between
 * segments are skipped; a segment may end the file without its terminator. Only segments the caller reads keep
 * their bytes, as a view of the read buffer, never copied (the others keep their tag and position); elements are
 * found and values decoded when read ({@link X12Segment}).
 *
 * <p>It checks the syntax only (a fixed-width ISA, segment tags); the envelopes are the caller's to check.
 * Messages name the segment by position and never quote its data.
 */
final class X12Tokenizer {
    /** The fixed ISA: 106 characters, element separators at these offsets, ISA16 at 104, the terminator at 105. */
    private static final int ISA_LENGTH = 106;
    private static final int[] ISA_SEPARATORS = {3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};
    /** No segment of an 837 comes near this; a file without terminators is stopped here, not held in memory. */
    private static final int MAX_SEGMENT = 1 << 20;
    private static final int NONE = X12Delimiters.NONE;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Bytes read at a time; a buffer handed out in segments is never written again, so each refill takes a new one. */
    private static final int BUFFER = 1 << 17;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LINE_BREAKS = '\n' * ONES;

    private final InputStream in;
    private final Predicate<String> split;
    private X12Delimiters delimiters;
    /**
     * Tags by a hash of their bytes, one String per tag for the whole file, with their bytes (as one number), their
     * kind and whether the caller splits them.
     */
    private static final int TAG_BITS = 12;
    private final String[] tags = new String[1 << TAG_BITS];
    private final int[] packedTags = new int[1 << TAG_BITS];
    private final X12Tag[] kinds = new X12Tag[1 << TAG_BITS];
    private final boolean[] splits = new boolean[1 << TAG_BITS];
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;
    private long ordinal;
    /** The separators as byte values, NONE before the first ISA (and for a repetition separator not declared). */
    private int segment = NONE;
    private int element = NONE;
    private int component = NONE;
    private int repetition = NONE;

    /** @param split which segment tags get their elements split (the others are tags and positions only) */
    X12Tokenizer(InputStream in, Predicate<String> split) {
        this.in = in;
        this.split = split;
    }

    /** Segments read so far. */
    long ordinal() {
        return ordinal;
    }

    /** The next segment, or null at the end of the input. */
    X12Segment next() throws IOException, X12SyntaxException {
        if (ordinal == 0 && available(3) && Arrays.equals(buf, pos, pos + 3, BOM, 0, 3)) {
            pos += 3;
        }
        while (true) {
            if (!available(1)) {
                return null;
            }
            byte b = buf[pos];
            if (b == '\n') {
                line++;
            } else if (b != '\r' && b != ' ' && b != '\t' && b != segment) {
                break;
            }
            pos++;
        }
        int startLine = line;
        if (startsIsa()) {
            isa();
        } else if (segment == NONE) {
            throw new X12SyntaxException("the file does not start with an ISA segment");
        }
        int end = scan();
        X12Segment s = segment(pos, end, startLine);
        pos = Math.min(end + 1, limit);
        return s;
    }

    private boolean startsIsa() throws IOException {
        return available(4) && buf[pos] == 'I' && buf[pos + 1] == 'S' && buf[pos + 2] == 'A'
                && !Character.isLetterOrDigit(buf[pos + 3]);
    }

    /** Takes the separators of the ISA at {@code pos}, which must have the fixed layout. */
    private void isa() throws IOException, X12SyntaxException {
        if (!available(ISA_LENGTH)) {
            throw new X12SyntaxException("the ISA segment is shorter than its fixed 106 characters");
        }
        byte e = buf[pos + 3];
        for (int offset : ISA_SEPARATORS) {
            if (buf[pos + offset] != e) {
                throw new X12SyntaxException("the ISA segment does not have its fixed layout (element separator"
                        + " expected at character " + (offset + 1) + ")");
            }
        }
        int separators = 0;
        for (int i = 3; i < 104; i++) {
            separators += buf[pos + i] == e ? 1 : 0;
        }
        if (separators != ISA_SEPARATORS.length) {
            throw new X12SyntaxException("the ISA segment does not have its fixed layout (" + separators
                    + " element separators where it has 16)");
        }
        byte c = buf[pos + 104];
        byte t = buf[pos + 105];
        if (c == e || t == e || t == c || Character.isLetterOrDigit(c) || Character.isLetterOrDigit(t)) {
            throw new X12SyntaxException("the ISA declares unusable separators");
        }
        byte r = buf[pos + 82];
        boolean repeats = compare(pos + 84, "00402") >= 0 && !Character.isLetterOrDigit(r) && r != ' '
                && r != e && r != c && r != t;
        element = e;
        component = c;
        segment = t;
        repetition = repeats ? r : NONE;
        delimiters = new X12Delimiters((char) (t & 0xFF), (char) (e & 0xFF), (char) (c & 0xFF),
                repeats ? (char) (r & 0xFF) : X12Delimiters.NONE);
    }

    private int compare(int at, String version) {
        for (int i = 0; i < version.length(); i++) {
            int d = buf[at + i] - version.charAt(i);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    /**
     * The offset of the terminator of the segment at {@code pos} (or the end of the input), counting lines. Eight
     * bytes at a time where it can: a word with neither the terminator nor a line break in it is skipped whole
     * (segments are split into elements later, by the thread that reads them: {@link X12Segment}).
     */
    private int scan() throws IOException, X12SyntaxException {
        int i = pos;
        byte t = (byte) segment;
        long terminators = (t & 0xFFL) * ONES;
        while (true) {
            byte[] b = buf;
            int n = limit;
            while (i + Long.BYTES <= n) {
                long word = (long) WORDS.get(b, i);
                if (hasByte(word ^ terminators) || hasByte(word ^ LINE_BREAKS)) {
                    break;
                }
                i += Long.BYTES;
            }
            while (i < n) {
                byte x = b[i];
                if (x == t) {
                    if (t == '\n') {
                        line++;
                    }
                    return i;
                }
                if (x == '\n') {
                    line++;
                }
                i++;
                if ((i & 7) == 0 && i + Long.BYTES <= n) {
                    break; // back to whole words
                }
            }
            if (i < n) {
                continue;
            }
            if (i - pos >= MAX_SEGMENT) {
                throw new X12SyntaxException("a segment runs past " + MAX_SEGMENT + " bytes without its terminator");
            }
            int read = i - pos;
            if (!more()) {
                return limit;
            }
            i = pos + read;
        }
    }

    /** Whether a byte of {@code word} is zero. */
    private static boolean hasByte(long word) {
        return ((word - ONES) & ~word & HIGH_BITS) != 0;
    }

    private X12Segment segment(int from, int to, int startLine) throws X12SyntaxException {
        // the tag ends at the first element separator; one that does not within 3 bytes makes no valid tag
        int tagEnd = from;
        int most = Math.min(to, from + 4);
        while (tagEnd < most && buf[tagEnd] != element) {
            tagEnd++;
        }
        if (tagEnd == most && most < to) {
            tagEnd = to; // longer than any tag: tag() says so
        }
        int key = tag(from, tagEnd);
        String tag = tags[key];
        ordinal++;
        if (!splits[key]) {
            return new X12Segment(tag, kinds[key], ordinal, startLine, delimiters);
        }
        // the tag ends at from + its length
        return new X12Segment(tag, kinds[key], buf, from, to, ordinal, startLine, delimiters);
    }

    /** The tag's key in {@code tags}: 2 or 3 letters and digits, one String per tag for the whole file. */
    private int tag(int from, int to) throws X12SyntaxException {
        int length = to - from;
        if (length < 2 || length > 3) {
            throw new X12SyntaxException("segment " + (ordinal + 1) + " has no valid tag (2 or 3 letters and"
                    + " digits before the element separator)");
        }
        // the tag's bytes as one number (a 2-byte tag's third is 0): compared at once, no loop
        int packed = buf[from] & 0xFF | (buf[from + 1] & 0xFF) << 8
                | (length == 3 ? (buf[from + 2] & 0xFF) << 16 : 0);
        int key = (packed * 0x9E3779B1) >>> (Integer.SIZE - TAG_BITS);
        if (packedTags[key] == packed && tags[key] != null) {
            return key;
        }
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9')) {
                throw new X12SyntaxException("segment " + (ordinal + 1) + " has no valid tag (2 or 3 letters"
                        + " and digits before the element separator)");
            }
        }
        String tag = new String(buf, from, length, StandardCharsets.US_ASCII);
        tags[key] = tag;
        packedTags[key] = packed;
        kinds[key] = X12Tag.of(tag);
        splits[key] = split.test(tag);
        return key;
    }


    /** Whether {@code n} bytes are buffered from {@code pos}, reading more as needed. */
    private boolean available(int n) throws IOException {
        while (limit - pos < n) {
            if (!more()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads more input after what is buffered, keeping the bytes from {@code pos}; false at the end. A full buffer
     * is never compacted in place (segments handed out may point into it): the bytes from {@code pos} move to a
     * new one, twice the size when they fill half of it.
     */
    private boolean more() throws IOException {
        if (eof) {
            return false;
        }
        if (limit == buf.length) {
            int kept = limit - pos;
            byte[] next = new byte[kept > buf.length / 2 ? buf.length * 2 : Math.max(BUFFER, buf.length)];
            System.arraycopy(buf, pos, next, 0, kept);
            buf = next;
            limit = kept;
            pos = 0;
        }
        int read = in.read(buf, limit, buf.length - limit);
        if (read < 0) {
            eof = true;
            return false;
        }
        limit += read;
        return true;
    }

    /** Input that is not X12 syntax; the message names no data. */
    static final class X12SyntaxException extends Exception {
        X12SyntaxException(String message) {
            super(message, null, false, false);
        }
    }
}
