package org.claimscrub.model;

/**
 * Where a line came from: the input file and the physical line (or segment) number in it.
 * {@code fileIndex} is the file's position on the command line, so reports sort in input order.
 */
public record SourceRef(int fileIndex, String file, long line) implements Comparable<SourceRef> {

    @Override
    public int compareTo(SourceRef other) {
        int byFile = Integer.compare(fileIndex, other.fileIndex);
        return byFile != 0 ? byFile : Long.compare(line, other.line);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
