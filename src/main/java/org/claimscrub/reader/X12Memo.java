package org.claimscrub.reader;

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
    private final byte[][] keys = new byte[SLOTS][];
    private final int[] salts = new int[SLOTS];
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
        if (value == null || size >= CellMemo.MAX_ENTRIES) {
            return;
        }
        int from = X12Segment.start(span);
        int to = X12Segment.end(span);
        int slot = slot(data, from, to, salt);
        while (keys[slot] != null) {
            if (salts[slot] == salt && Arrays.equals(keys[slot], 0, keys[slot].length, data, from, to)) {
                return;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        keys[slot] = Arrays.copyOfRange(data, from, to);
        salts[slot] = salt;
        values[slot] = value;
        size++;
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
