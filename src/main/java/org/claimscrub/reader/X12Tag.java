package org.claimscrub.reader;

import java.util.HashMap;
import java.util.Map;

/**
 * The segment tags the 837 reader acts on (envelopes, and the segments claims are assembled from), so that a
 * segment is dispatched by a switch on its kind, not on its tag's text; every other tag is {@link #OTHER}. The
 * tokenizer gives each distinct tag its kind once per file ({@link X12Segment#kind}).
 */
enum X12Tag {
    ISA, IEA, GS, GE, ST, SE, TA1, HL, NM1, CLM, DTP, HI, LX, SV1, SV2, OTHER;

    private static final Map<String, X12Tag> BY_TEXT = new HashMap<>();

    static {
        for (X12Tag tag : values()) {
            if (tag != OTHER) {
                BY_TEXT.put(tag.name(), tag);
            }
        }
    }

    /** The kind of a segment with this tag. */
    static X12Tag of(String tag) {
        return BY_TEXT.getOrDefault(tag, OTHER);
    }

    /** Whether it is a service line segment, one claim line each. */
    boolean serviceLine() {
        return this == SV1 || this == SV2;
    }
}
