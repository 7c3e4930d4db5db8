package org.claimscrub.reader;

import java.io.IOException;
import java.io.InputStream;

/** How an input file is read: {@link #AUTO} tells X12 from CSV by the file's first bytes. */
public enum InputFormat {
    AUTO, CSV, X12;

    private static final int PEEK = 64;

    /**
     * X12 when the first bytes other than whitespace (and a UTF-8 byte order mark) are "ISA", as every X12
     * interchange starts; CSV otherwise. The stream must support mark/reset; it is left where it was.
     */
    static InputFormat detect(InputStream in) throws IOException {
        in.mark(PEEK);
        try {
            byte[] head = in.readNBytes(PEEK);
            int i = 0;
            if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                i = 3;
            }
            while (i < head.length && Character.isWhitespace(head[i])) {
                i++;
            }
            return head.length - i >= 3 && head[i] == 'I' && head[i + 1] == 'S' && head[i + 2] == 'A' ? X12 : CSV;
        } finally {
            in.reset();
        }
    }
}
