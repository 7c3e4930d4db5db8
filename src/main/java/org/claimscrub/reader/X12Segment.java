package org.claimscrub.reader;

import java.util.Arrays;

/**
 * One X12 segment as StAEDI delivered it: its tag and elements, each element as its components (the first
 * repetition only: no element claimscrub reads repeats in an 837), with where it sits in the file.
 *
 * @param ordinal the segment's position in the file, the first ISA being 1
 * @param line    the physical line it starts on (1 throughout a file without line breaks)
 * @param delimiters the separators its interchange declares
 */
record X12Segment(String tag, String[][] elements, long ordinal, int line, X12Delimiters delimiters) {
    private static final String[] EMPTY = {};

    /** Component 1 of element {@code position} (1-based), or "" when absent. */
    String element(int position) {
        return component(position, 1);
    }

    String component(int position, int component) {
        String[] c = components(position);
        return component <= c.length && c[component - 1] != null ? c[component - 1] : "";
    }

    String[] components(int position) {
        return position <= elements.length && elements[position - 1] != null ? elements[position - 1] : EMPTY;
    }

    int size() {
        return elements.length;
    }

    /** The segment as text with the file's separators, e.g. {@code SV1*HC:88305:26*90*UN*1~}. */
    String text() {
        X12Delimiters d = delimiters;
        StringBuilder out = new StringBuilder(tag);
        for (String[] element : elements) {
            out.append(d.element());
            if (element == null) {
                continue;
            }
            for (int c = 0; c < element.length; c++) {
                if (c > 0) {
                    out.append(d.component());
                }
                out.append(element[c] == null ? "" : element[c]);
            }
        }
        return out.append(d.segment()).toString();
    }

    @Override
    public String toString() {
        return tag + " " + Arrays.deepToString(elements);
    }

    /** The separators an interchange's ISA declares. */
    record X12Delimiters(char segment, char element, char component) {
    }

    /** Collects a segment's elements as StAEDI reports them, by element and component position. */
    static final class Builder {
        private String tag;
        private String[][] elements = new String[32][];
        private int size;
        private long ordinal;
        private int line;
        private X12Delimiters delimiters;

        void delimiters(X12Delimiters delimiters) {
            this.delimiters = delimiters;
        }

        void start(String tag, long ordinal, int line) {
            this.tag = tag;
            this.ordinal = ordinal;
            this.line = line;
            size = 0;
        }

        /** Element and component positions are 1-based; a component position below 1 means a simple element. */
        void set(int element, int component, String value) {
            if (element < 1) {
                return;
            }
            if (element > elements.length) {
                elements = Arrays.copyOf(elements, Math.max(element, elements.length * 2));
            }
            for (int e = size; e < element; e++) {
                elements[e] = null;
            }
            size = Math.max(size, element);
            int c = Math.max(component, 1);
            String[] components = elements[element - 1];
            if (components == null) {
                components = new String[c];
            } else if (components.length < c) {
                components = Arrays.copyOf(components, c);
            }
            components[c - 1] = value;
            elements[element - 1] = components;
        }

        X12Segment build() {
            return new X12Segment(tag, Arrays.copyOf(elements, size), ordinal, line, delimiters);
        }
    }
}
