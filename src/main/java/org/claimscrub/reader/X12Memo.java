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
    /** Keys of up to this many bytes are kept as two numbers, compared without a loop; longer ones as bytes. */
    private static final int SHORT = 2 * Long.BYTES;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final CellMemo.Parser<T> parser;
    /**
     * Open-addressed tables, twice as many slots as entries at least: small while a memo holds few values (most
     * hold a handful: dates, units, modifiers), so a look-up stays in the processor's cache. A short key's slot is
     * three numbers side by side in {@code shortKeys}: its length and salt (0 for an empty slot), then its bytes.
     */
    private long[] shortKeys = new long[3 * 16];
    private Object[] shortValues = new Object[16];
    private byte[][] longKeys = new byte[16][];
    private int[] longSalts = new int[16];
    private Object[] longValues = new Object[16];
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

    /** Reads a value from a segment's elements. */
    @FunctionalInterface
    interface SegmentValue<T> {
        T read() throws FieldException;
    }

    /**
     * The value of a whole segment (tag and elements, salted with the separators): found by its bytes when the same
     * segment has been read before, else read (and kept when it reads), so a segment that repeats over a file is
     * read with one look-up, none of its elements found.
     */
    T ofSegment(X12Segment segment, SegmentValue<T> value) throws FieldException {
        long whole = segment.bytes();
        int salt = segment.delimiters().salt();
        T known = get(segment.data(), whole, salt);
        if (known != null) {
            return known;
        }
        T read = value.read();
        put(segment.data(), whole, salt, read);
        return read;
    }

    /** The value remembered for these bytes and salt, or null. */
    @SuppressWarnings("unchecked")
    T get(byte[] data, long span, int salt) {
        int from = X12Segment.start(span);
        int to = X12Segment.end(span);
        if (to - from <= SHORT) {
            long low = word(data, from, to);
            long high = word(data, from + Long.BYTES, to);
            long meta = meta(to - from, salt);
            long[] keys = shortKeys;
            int mask = shortValues.length - 1;
            for (int slot = slot(low, high, meta) & mask; ; slot = (slot + 1) & mask) {
                long m = keys[3 * slot];
                if (m == 0) {
                    return null;
                }
                if (m == meta && keys[3 * slot + 1] == low && keys[3 * slot + 2] == high) {
                    return (T) shortValues[slot];
                }
            }
        }
        int mask = longValues.length - 1;
        for (int slot = slot(data, from, to, salt) & mask; ; slot = (slot + 1) & mask) {
            byte[] key = longKeys[slot];
            if (key == null) {
                return null;
            }
            if (longSalts[slot] == salt && Arrays.equals(key, 0, key.length, data, from, to)) {
                return (T) longValues[slot];
            }
        }
    }

    /** Remembers a value that parsed (null is not kept), while there is room. */
    void put(byte[] data, long span, int salt, T value) {
        if (value == null || size >= CellMemo.MAX_ENTRIES || get(data, span, salt) != null) {
            return;
        }
        if (2 * (size + 1) > shortValues.length) {
            grow();
        }
        int from = X12Segment.start(span);
        int to = X12Segment.end(span);
        if (to - from <= SHORT) {
            long low = word(data, from, to);
            long high = word(data, from + Long.BYTES, to);
            putShort(meta(to - from, salt), low, high, value);
        } else {
            putLong(Arrays.copyOfRange(data, from, to), salt, value);
        }
        size++;
    }

    private void putShort(long meta, long low, long high, Object value) {
        int mask = shortValues.length - 1;
        int slot = slot(low, high, meta) & mask;
        while (shortKeys[3 * slot] != 0) {
            slot = (slot + 1) & mask;
        }
        shortKeys[3 * slot] = meta;
        shortKeys[3 * slot + 1] = low;
        shortKeys[3 * slot + 2] = high;
        shortValues[slot] = value;
    }

    private void putLong(byte[] key, int salt, Object value) {
        int mask = longValues.length - 1;
        int slot = slot(key, 0, key.length, salt) & mask;
        while (longKeys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        longKeys[slot] = key;
        longSalts[slot] = salt;
        longValues[slot] = value;
    }

    /** Doubles both tables, placing every entry again. */
    private void grow() {
        long[] oldShortKeys = shortKeys;
        Object[] oldShortValues = shortValues;
        byte[][] oldLongKeys = longKeys;
        int[] oldLongSalts = longSalts;
        Object[] oldLongValues = longValues;
        int slots = oldShortValues.length * 2;
        shortKeys = new long[3 * slots];
        shortValues = new Object[slots];
        longKeys = new byte[slots][];
        longSalts = new int[slots];
        longValues = new Object[slots];
        for (int i = 0; i < oldShortValues.length; i++) {
            if (oldShortKeys[3 * i] != 0) {
                putShort(oldShortKeys[3 * i], oldShortKeys[3 * i + 1], oldShortKeys[3 * i + 2], oldShortValues[i]);
            }
            if (oldLongKeys[i] != null) {
                putLong(oldLongKeys[i], oldLongSalts[i], oldLongValues[i]);
            }
        }
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
    private static long meta(int length, int salt) {
        return ((long) salt << 8 | length) + 1;
    }

    private static int slot(long low, long high, long meta) {
        long h = low ^ Long.rotateLeft(high, 21) ^ meta * 0x9E3779B97F4A7C15L;
        // murmur3's finalizer: every bit of the key moves the slot's bits
        h = (h ^ h >>> 33) * 0xFF51AFD7ED558CCDL;
        h = (h ^ h >>> 33) * 0xC4CEB9FE1A85EC53L;
        return (int) (h ^ h >>> 33);
    }

    /** A long key's slot: its bytes taken 8 at a time (a whole service line segment is a key). */
    private static int slot(byte[] data, int from, int to, int salt) {
        long h = salt;
        for (int i = from; i < to; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ word(data, i, to), 29) * 0x9E3779B97F4A7C15L;
        }
        return slot(h, to - from, salt);
    }
}
