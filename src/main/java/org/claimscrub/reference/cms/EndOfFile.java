package org.claimscrub.reference.cms;

import java.nio.file.Path;

/**
 * The DOS end-of-file record (byte 0x1A, alone or followed by empty cells) that ends the files CMS publishes,
 * e.g. every PFS relative value file through 2024. The record ends the file; anything after it but blank lines
 * is an error, so no data is dropped unseen.
 */
final class EndOfFile {
    static final char MARK = '\u001A';

    private final Path file;
    private long line;

    EndOfFile(Path file) {
        this.file = file;
    }

    /** Whether a text line is the record: the mark, then only separators (commas, tabs, spaces). */
    static boolean isMark(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.charAt(0) != MARK) {
            return false;
        }
        for (int i = 1; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c != ',' && c != '\t' && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Whether a CSV record is the record: the mark in the first cell, every other cell blank. */
    static boolean isMark(String[] cells) {
        if (cells.length == 0 || !cells[0].strip().equals(String.valueOf(MARK))) {
            return false;
        }
        for (int c = 1; c < cells.length; c++) {
            if (!cells[c].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Call for every non-blank record: true when it is the end-of-file record (to be skipped); an error when the
     * record comes after it.
     */
    boolean skip(long lineNumber, boolean isMark) throws CmsFileException {
        if (line > 0) {
            throw CmsFileException.at(file, lineNumber, "", "expected nothing after the end-of-file record (byte"
                    + " 0x1A) on line " + line + "; found another record");
        }
        if (isMark) {
            line = lineNumber;
        }
        return isMark;
    }
}
