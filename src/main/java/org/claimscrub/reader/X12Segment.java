package org.claimscrub.reader;

import java.nio.charset.StandardCharsets;

/**
 * One X12 segment as the tokenizer split it: its tag, its bytes and where each element starts, with where it sits
 * in the file. Values are decoded only when asked for (most elements of an 837 never are), and only an element's
 * first repetition is read: no element claimscrub reads repeats in an 837.
 */
final class X12Segment {
    private final String tag;
    /** The segment's bytes from the tag to the terminator (excluded). */
    private final byte[] data;
    /** Offset of each element's first byte; element e (1-based) runs to the separator before starts[e]. */
    private final int[] starts;
    private final int size;
    private final long ordinal;
    private final int line;
    private final X12Delimiters delimiters;
    /** Component 1 of each element, once decoded (a segment is read on one thread only). */
    private String[] firsts;

    /**
     * @param ordinal the segment's position in the file, the first ISA being 1
     * @param line    the physical line it starts on (1 throughout a file without line breaks)
     */
    X12Segment(String tag, byte[] data, int[] starts, int size, long ordinal, int line, X12Delimiters delimiters) {
        this.tag = tag;
        this.data = data;
        this.starts = starts;
        this.size = size;
        this.ordinal = ordinal;
        this.line = line;
        this.delimiters = delimiters;
    }

    String tag() {
        return tag;
    }

    long ordinal() {
        return ordinal;
    }

    int line() {
        return line;
    }

    /** Component 1 of element {@code position} (1-based), or "" when absent; decoded once, as it is read often. */
    String element(int position) {
        if (position < 1 || position > size) {
            return "";
        }
        if (firsts == null) {
            firsts = new String[size];
        }
        String value = firsts[position - 1];
        if (value == null) {
            value = component(position, 1);
            firsts[position - 1] = value;
        }
        return value;
    }

    /** Component {@code component} (1-based) of element {@code position}, or "" when absent. */
    String component(int position, int component) {
        if (position < 1 || position > size) {
            return "";
        }
        int from = starts[position - 1];
        int end = position < size ? starts[position] - 1 : data.length;
        // the ISA's elements have no components: ISA16 is the component separator itself
        boolean composite = !tag.equals("ISA");
        int c = 1;
        for (int i = from; i < end; i++) {
            byte b = data[i];
            if (b == delimiters.repetitionByte()) {
                end = i;
                break;
            }
            if (composite && b == (byte) delimiters.component()) {
                if (c == component) {
                    return text(from, i);
                }
                c++;
                from = i + 1;
            }
        }
        return c == component ? text(from, end) : "";
    }

    /** How many components element {@code position} has (0 when the element is absent). */
    int components(int position) {
        if (position < 1 || position > size) {
            return 0;
        }
        int count = 1;
        int end = position < size ? starts[position] - 1 : data.length;
        for (int i = starts[position - 1]; i < end && data[i] != delimiters.repetitionByte(); i++) {
            if (data[i] == (byte) delimiters.component()) {
                count++;
            }
        }
        return count;
    }

    int size() {
        return size;
    }

    private String text(int from, int to) {
        return from >= to ? "" : new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    /** The segment as it stands in the file, with its terminator, e.g. {@code SV1*HC:88305:26*90*UN*1~}. */
    String text() {
        return new String(data, StandardCharsets.UTF_8) + delimiters.segment();
    }

    @Override
    public String toString() {
        return tag + " at segment " + ordinal;
    }

    /** The separators an interchange's ISA declares; {@code repetition} is NONE where it declares none. */
    record X12Delimiters(char segment, char element, char component, int repetition) {
        static final int NONE = Integer.MIN_VALUE;

        /** The repetition separator as a byte value, or a value no byte has. */
        int repetitionByte() {
            return repetition == NONE ? NONE : (byte) repetition;
        }
    }
}
