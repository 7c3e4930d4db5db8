package org.claimscrub.reader;

import java.nio.charset.StandardCharsets;

/**
 * One X12 segment as the tokenizer found it: its tag and where its bytes are in the tokenizer's buffer, with where
 * it sits in the file; its elements are found when read. The bytes are not copied: the tokenizer never writes over
 * a buffer it has handed out (it reads on into a fresh one), so a segment's bytes stay as they were read.
 * Values are decoded only when asked for (most elements of an 837 never are), and the hot ones not at all: they
 * are compared ({@link #is}) or looked up ({@link X12Memo}) by their bytes. Only an element's first repetition
 * is read: no element claimscrub reads repeats in an 837.
 */
final class X12Segment {
    private static final byte[] NO_BYTES = {};

    private final String tag;
    private final X12Tag kind;
    /** The buffer the segment's bytes are in, from {@code from} (its tag) to {@code to} (its terminator, excluded). */
    private final byte[] data;
    private final int from;
    private final int to;
    /**
     * The last element found ({@link #start}) and the offset it starts at, 0 before any: a segment is mostly read
     * forward, element after element, so the next one is looked for from there, not from the tag.
     */
    private int lastElement;
    private int lastStart;
    private final long ordinal;
    private final int line;
    private final X12Delimiters delimiters;

    /**
     * @param ordinal the segment's position in the file, the first ISA being 1
     * @param line    the physical line it starts on (1 throughout a file without line breaks)
     */
    X12Segment(String tag, X12Tag kind, byte[] data, int from, int to, long ordinal, int line,
               X12Delimiters delimiters) {
        this.tag = tag;
        this.kind = kind;
        this.data = data;
        this.from = from;
        this.to = to;
        this.ordinal = ordinal;
        this.line = line;
        this.delimiters = delimiters;
    }

    /** A segment whose elements are not split (the caller does not read them): its tag and position only. */
    X12Segment(String tag, X12Tag kind, long ordinal, int line, X12Delimiters delimiters) {
        this(tag, kind, NO_BYTES, 0, 0, ordinal, line, delimiters);
    }

    /**
     * The offset of element {@code position}'s first byte (1-based), or -1 when it has no such element: found by
     * counting separators from the tag, or from the last element found when it comes before (segments are short
     * and each is read for a few elements only: no array of offsets per segment).
     */
    private int start(int position) {
        if (position < 1) {
            return -1;
        }
        int e = 0;
        int i = from + tag.length();
        if (lastElement > 0 && lastElement <= position) {
            if (lastElement == position) {
                return lastStart;
            }
            e = lastElement;
            i = lastStart;
        }
        byte separator = (byte) delimiters.element();
        for (; i < to; i++) {
            if (data[i] == separator && ++e == position) {
                lastElement = e;
                lastStart = i + 1;
                return i + 1;
            }
        }
        return -1;
    }

    /** The offset after the element starting at {@code start}: the next element separator, or the segment's end. */
    private int endFrom(int start) {
        byte separator = (byte) delimiters.element();
        for (int i = start; i < to; i++) {
            if (data[i] == separator) {
                return i;
            }
        }
        return to;
    }

    String tag() {
        return tag;
    }

    X12Tag kind() {
        return kind;
    }

    long ordinal() {
        return ordinal;
    }

    int line() {
        return line;
    }

    X12Delimiters delimiters() {
        return delimiters;
    }

    /** The buffer holding the segment's bytes, to be read at the offsets {@link #span} gives, never written. */
    byte[] data() {
        return data;
    }

    /** Component 1 of element {@code position} (1-based), or "" when absent. */
    String element(int position) {
        return component(position, 1);
    }

    /** Component {@code component} (1-based) of element {@code position}, or "" when absent. */
    String component(int position, int component) {
        return text(span(position, component));
    }

    /**
     * Where component {@code component} of element {@code position} (both 1-based) is in {@link #data}: its first
     * offset in the high 32 bits, the offset after it in the low ones ({@link #start}, {@link #end}); an absent
     * component is empty.
     */
    long span(int position, int component) {
        // the ISA's elements have no components: ISA16 is the component separator itself
        return from(position, component, kind != X12Tag.ISA);
    }

    /**
     * Where element {@code position}'s first repetition is from component {@code fromComponent} on, its
     * component separators included (empty when it has fewer components): a composite's tail, as one key.
     */
    long tail(int position, int fromComponent) {
        return from(position, fromComponent, false);
    }

    /**
     * From component {@code component} of element {@code position}'s first repetition up to that repetition's
     * end, or only to the component's end when {@code oneComponent}; empty when absent.
     */
    private long from(int position, int component, boolean oneComponent) {
        int begin = start(position);
        if (begin < 0) {
            return 0;
        }
        int end = endFrom(begin);
        int first = componentStart(begin, end, component);
        if (first < 0) {
            return 0;
        }
        byte separator = (byte) delimiters.component();
        int repetition = delimiters.repetitionByte();
        for (int i = first; i < end; i++) {
            if (data[i] == repetition || oneComponent && data[i] == separator) {
                return between(first, i);
            }
        }
        return between(first, end);
    }

    /**
     * Where component {@code component} (1-based) of the element at {@code begin}..{@code end} starts in its first
     * repetition, or -1 when that has fewer components (an ISA element has one).
     */
    private int componentStart(int begin, int end, int component) {
        if (component == 1) {
            return begin;
        }
        if (kind == X12Tag.ISA) {
            return -1;
        }
        int repetition = delimiters.repetitionByte();
        byte separator = (byte) delimiters.component();
        int c = 1;
        for (int i = begin; i < end; i++) {
            byte b = data[i];
            if (b == repetition) {
                return -1;
            }
            if (b == separator && ++c == component) {
                return i + 1;
            }
        }
        return -1;
    }

    /** A span from {@code start} to {@code end} (excluded). */
    static long between(int start, int end) {
        return (long) start << 32 | end;
    }

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int end(long span) {
        return (int) span;
    }

    /** Where the whole segment is: its tag and elements, without its terminator. */
    long bytes() {
        return between(from, to);
    }

    /** Where its elements are: every byte after the tag, separators included. */
    long elements() {
        return between(from + tag.length(), to);
    }

    /**
     * Whether component 1 of element {@code position} is {@code value}, letters and digits, as {@code
     * element(position).equals(value)}: its bytes are compared where the element starts, and what follows them
     * must end the component (no separator is a letter or digit, so none can be among them).
     */
    boolean is(int position, String value) {
        int start = start(position);
        if (start < 0) {
            return value.isEmpty();
        }
        int end = start + value.length();
        if (end > to) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (data[start + i] != value.charAt(i)) {
                return false;
            }
        }
        if (end == to) {
            return true;
        }
        byte next = data[end];
        return next == (byte) delimiters.element() || next == delimiters.repetitionByte()
                || kind != X12Tag.ISA && next == (byte) delimiters.component();
    }

    /** How many components element {@code position} has (0 when the element is absent). */
    int components(int position) {
        int begin = start(position);
        if (begin < 0) {
            return 0;
        }
        int count = 1;
        int end = endFrom(begin);
        int repetition = delimiters.repetitionByte();
        for (int i = begin; i < end && data[i] != repetition; i++) {
            if (data[i] == (byte) delimiters.component()) {
                count++;
            }
        }
        return count;
    }

    /** How many elements it has, counted each time it is asked. */
    int size() {
        byte separator = (byte) delimiters.element();
        int count = 0;
        for (int i = from + tag.length(); i < to; i++) {
            if (data[i] == separator) {
                count++;
            }
        }
        return count;
    }

    /** The text at a {@link #span} of this segment. */
    String text(long span) {
        int start = start(span);
        int end = end(span);
        return start >= end ? "" : new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    /** The segment as it stands in the file, with its terminator, e.g. {@code SV1*HC:88305:26*90*UN*1~}. */
    String text() {
        return new String(data, from, to - from, StandardCharsets.UTF_8) + delimiters.segment();
    }

    @Override
    public String toString() {
        return tag + " at segment " + ordinal;
    }

    /** The separators an interchange's ISA declares; {@code repetition} is NONE where it declares none. */
    record X12Delimiters(char segment, char element, char component, int repetition) {
        static final int NONE = Integer.MIN_VALUE;

        /**
         * The element, component and repetition separators as one number, a different one for each set: what a
         * key spanning several elements is salted with ({@link X12Memo}).
         */
        int salt() {
            return element << 17 | component << 9 | (repetition == NONE ? 0 : 0x100 | repetition & 0xFF);
        }

        /** The repetition separator as a byte value, or a value no byte has. */
        int repetitionByte() {
            return repetition == NONE ? NONE : (byte) repetition;
        }
    }
}
