package org.claimscrub.model;

/**
 * Where a line came from. {@code fileIndex} is the file's position on the command line, so reports sort in
 * input order; {@code line} orders lines within a file.
 *
 * <p>For CSV, {@code line} is the physical line number and {@code position} is empty. For X12, {@code line} is
 * the ordinal of the service line's segment (SV1/SV2) in the file, counted from the first ISA as 1, and
 * {@code position} says where that is for an analyst: transaction set control number, claim id, LX, segment
 * ordinal and, when the file has line breaks, the physical line, e.g.
 * {@code ST 0021, CLM 26463774, LX 2, SV1 at segment 33 (line 33)}.
 */
public record SourceRef(int fileIndex, String file, long line, String position) implements Comparable<SourceRef> {

    public SourceRef {
        java.util.Objects.requireNonNull(position);
    }

    /** A CSV line: no position beyond the line number. */
    public SourceRef(int fileIndex, String file, long line) {
        this(fileIndex, file, line, "");
    }

    @Override
    public int compareTo(SourceRef other) {
        int byFile = Integer.compare(fileIndex, other.fileIndex);
        return byFile != 0 ? byFile : Long.compare(line, other.line);
    }

    /** What the report's line column holds: the line number for CSV, the position for X12. */
    public String lineLabel() {
        return position.isEmpty() ? Long.toString(line) : position;
    }

    /** "file line N" for CSV, "file ST ..., segment N" for X12, as messages name a place. */
    public String describe() {
        return position.isEmpty() ? file + " line " + line : file + " " + position;
    }

    @Override
    public String toString() {
        return position.isEmpty() ? file + ":" + line : file + " " + position;
    }
}
