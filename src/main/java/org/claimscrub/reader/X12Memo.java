package org.claimscrub.reader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Remembers what an X12 value parsed to, keyed by its bytes, as {@link CellMemo} does for CSV cells by their text:
 * a value that repeats (a code, a date, units, an NPI, a payer id) is found by hashing and comparing its bytes in
 * the segment, with no String made for it, and its parsed form is shared by every line that repeats it. A value is
 * decoded and parsed only the first time ({@link #parse}), by the same validator the CSV reader uses, so what a
 * line gets is what it got before. Only values that parsed are kept, so a bad value is reported every time; at
 * most {@link CellMemo#MAX_ENTRIES} are kept. The key may also carry a salt: the component separator, for a key
 * spanning several components. One per reader and thread, not thread-safe.
 */
final class X12Memo<T> {
    private static final int SLOTS = Integer.highestOneBit(CellMemo.MAX_ENTRIES) * 4;

    private final CellMemo.Parser<T> parser;
    /** Keys of up to this many bytes are kept as two numbers, compared without a loop; longer ones as bytes. */
    private static final int SHORT = 2 * Long.BYTES;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] metas = new int[SLOTS];
    private final long[] lows = new long[SLOTS];
    private final long[] highs = new long[SLOTS];
    private final byte[][] keys = new byte[SLOTS][];
    private final int[] salts = new int[SLOTS];
    private final Object[] shortValues = new Object[SLOTS];
    private final Object[] values = new Object[SLOTS];
    private int size;

    /** @param parser what a value's text parses to, the same as for a CSV cell */
    X12Memo(CellMemo.Parser<T> parser) {
        this.parser = parser;
    }

    /** A memo its caller fills ({@link #get}, {@link #put}) with values read from several components. */
    X12Memo() {
        this((field, value) -> {
            throw new IllegalStateException("a memo without a parser is filled by put");
        });
    }

    /** The parsed value of the text at {@code span} of the segment ({@link X12Segment#span}). */
    T parse(String field, X12Segment segment, long span) throws FieldException {
        return parse(field, segment, span, 0);
    }

    /** As {@link #parse(String, X12Segment, long)}, for a key whose meaning depends on {@code salt}. */
    T parse(String field, X12Segment segment, long span, int salt) throws FieldException {
        T value = get(segment.data(), span, salt);
        if (value == null) {
            value = parser.parse(field, segment.text(span));
            put(segment.data(), span, salt, value);
        }
        return value;
    }

    /** The value remembered for these bytes and salt, or null. */
    @SuppressWarnings("unchecked")
    T get(byte[] data, long span, int salt) {
        int from = X12Segment.start(span);
        int to = X12Segment.end(span);
        if (to - from <= SHORT) {
            long low = word(data, from, to);
            long high = word(data, from + Long.BYTES, to);
            int meta = meta(to - from, salt);
            for (int slot = slot(low, high, meta); ; slot = (slot + 1) & (SLOTS - 1)) {
                int m = metas[slot];
                if (m == 0) {
                    return null;
                }
                if (m == meta && lows[slot] == low && highs[slot] == high) {
                    return (T) shortValues[slot];
                }
            }
        }
        for (int slot = slot(data, from, to, salt); ; slot = (slot + 1) & (SLOTS - 1)) {
            byte[] key = keys[slot];
            if (key == null) {
                return null;
            }
            if (salts[slot] == salt && Arrays.equals(key, 0, key.length, data, from, to)) {
                return (T) values[slot];
            }
        }
    }

    /** Remembers a value that parsed (null is not kept), while there is room. */
    void put(byte[] data, long span, int salt, T value) {
        if (value == null || size >= CellMemo.MAX_ENTRIES || get(data, span, salt) != null) {
            return;
        }
        int from = X12Segment.start(span);
        int to = X12Segment.end(span);
        if (to - from <= SHORT) {
            long low = word(data, from, to);
            long high = word(data, from + Long.BYTES, to);
            int meta = meta(to - from, salt);
            int slot = slot(low, high, meta);
            while (metas[slot] != 0) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            metas[slot] = meta;
            lows[slot] = low;
            highs[slot] = high;
            shortValues[slot] = value;
        } else {
            int slot = slot(data, from, to, salt);
            while (keys[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            keys[slot] = Arrays.copyOfRange(data, from, to);
            salts[slot] = salt;
            values[slot] = value;
        }
        size++;
    }

    /** Up to 8 bytes from {@code from}, none past {@code to}, as one number (0 when none). */
    private static long word(byte[] data, int from, int to) {
        int n = Math.min(to - from, Long.BYTES);
        if (n <= 0) {
            return 0;
        }
        if (from + Long.BYTES <= data.length) {
            long w = (long) WORDS.get(data, from);
            return n == Long.BYTES ? w : w & ((1L << (n * 8)) - 1);
        }
        long w = 0;
        for (int i = n - 1; i >= 0; i--) {
            w = w << 8 | (data[from + i] & 0xFF);
        }
        return w;
    }

    /** A short key's length and salt, never 0 (an empty slot). */
    private static int meta(int length, int salt) {
        return (salt << 8 | length) + 1;
    }

    private static int slot(long low, long high, int meta) {
        long h = low * 0x9E3779B97F4A7C15L + high * 0xC2B2AE3D27D4EB4FL + meta;
        return (int) (h >>> (64 - Integer.numberOfTrailingZeros(SLOTS)));
    }

    private static int slot(byte[] data, int from, int to, int salt) {
        int h = salt;
        for (int i = from; i < to; i++) {
            h = 31 * h + data[i];
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & (SLOTS - 1);
    }
}
