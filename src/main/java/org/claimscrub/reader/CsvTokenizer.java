package org.claimscrub.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 tokenizer: one pass over the bytes, linear on any input. Written for claimscrub because
 * opencsv's parsers rescan a growing buffer behind a stray quote (quadratic: 40k lines took 95 s), turn a CR inside
 * a quoted cell into LF, and give up on the whole file at the first malformed record.
 *
 * <p>Bytes are decoded strictly in the declared charset: the first byte that is not valid stops the file with its
 * physical line ({@link EncodingException}), so nothing is replaced in silence. A leading byte order mark is
 * dropped. Cells keep their characters exactly (a CR inside quotes stays a CR). Line breaks are LF, CRLF or a lone
 * CR, each one physical line.
 *
 * <p>A malformed record (text after a closing quote, a quoted cell not closed within {@link #MAX_RECORD_LINES}
 * physical lines or {@link #MAX_RECORD_CHARS} characters, a record longer than that) is returned as malformed and
 * reading resumes on the physical line after the one it started on, so one bad quote costs one line, not the
 * file, and at most a bounded stretch of input is read twice.
 */
final class CsvTokenizer {
    /** Physical lines a quoted cell may span: claim cells with line breaks are rare and short. */
    static final int MAX_RECORD_LINES = 100;
    /** Characters a record may hold: a claim line is a few hundred. */
    static final int MAX_RECORD_CHARS = 32_768;
    static final char[] SEPARATORS = {',', ';', '\t', '|'};

    /**
     * One record: its cells, or why it is malformed with the text of its first physical line (at most
     * {@link #MAX_RECORD_CHARS} characters).
     */
    record Record(long line, String[] cells, String malformed, String text) {
        boolean isMalformed() {
            return malformed != null;
        }
    }

    /** Bytes that are not valid in the declared charset, at a physical line. */
    static final class EncodingException extends IOException {
        final long line;

        EncodingException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean inputDone;
    private boolean flushed;
    private CoderResult pendingError;
    private boolean started;
    /** Text read ahead and given back (the header line, or the rest of a malformed record), read before the stream. */
    private String replay;
    private int replayPosition;
    private char separator = ',';
    /** Physical line the next character is on. */
    private long line = 1;
    private final StringBuilder cell = new StringBuilder();
    /**
     * The record's text, kept only from its first quote on (an unquoted prefix is its cells joined again): only a
     * record with a quote can span lines and need reading again.
     */
    private final StringBuilder raw = new StringBuilder();
    private boolean tracking;
    private int recordChars;
    private final List<String> cells = new ArrayList<>();

    CsvTokenizer(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Reads the header line ahead (without consuming it) and sets the separator to the one of comma, semicolon,
     * tab and pipe it holds most often outside quotes.
     *
     * @return the separator, or 0 when the header holds none of them, or when two are equally frequent
     */
    char detectSeparator() throws IOException {
        StringBuilder header = new StringBuilder();
        int[] counts = new int[SEPARATORS.length];
        boolean quoted = false;
        int c;
        while ((c = read()) >= 0 && header.length() < MAX_RECORD_CHARS) {
            header.append((char) c);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int i = 0; i < SEPARATORS.length; i++) {
                    counts[i] += c == SEPARATORS[i] ? 1 : 0;
                }
            }
        }
        giveBack(header.toString());
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            best = counts[i] > counts[best] ? i : best;
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[best] == 0 || i != best && counts[i] == counts[best]) {
                return 0;
            }
        }
        separator = SEPARATORS[best];
        return separator;
    }

    char separator() {
        return separator;
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        long start = line;
        cell.setLength(0);
        raw.setLength(0);
        tracking = false;
        recordChars = 0;
        cells.clear();
        int lines = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean any = false;
        while (true) {
            if (replay == null && !afterQuote && position < limit) {
                // the common case in bulk: a run of ordinary characters, copied as one range
                int from = position;
                int i = from;
                if (quoted) {
                    while (i < limit && buffer[i] != '"' && buffer[i] != '\n' && buffer[i] != '\r') {
                        i++;
                    }
                } else {
                    char sep = separator;
                    while (i < limit) {
                        char ch = buffer[i];
                        if (ch == sep || ch == '\n' || ch == '\r' || ch == '"') {
                            break;
                        }
                        i++;
                    }
                }
                if (i > from) {
                    cell.append(buffer, from, i - from);
                    if (tracking) {
                        raw.append(buffer, from, i - from);
                    }
                    position = i;
                    any = true;
                    recordChars += i - from;
                    if (recordChars > MAX_RECORD_CHARS) {
                        return malformed(start, lines, tooLong(quoted, start));
                    }
                    continue;
                }
            }
            int c = read();
            if (c < 0) {
                if (!any) {
                    return null;
                }
                if (quoted) {
                    return malformed(start, lines, "a quoted cell that starts on line " + start
                            + " is never closed (look for a stray double quote)");
                }
                return record(start);
            }
            any = true;
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                    if (quoted) {
                        cell.append('\r');
                        raw.append('\r');
                        c = '\n';
                    }
                }
                line++;
                if (!quoted) {
                    return record(start);
                }
                lines++;
                cell.append((char) c);
                raw.append((char) c);
                if (lines > MAX_RECORD_LINES) {
                    return malformed(start, lines, "a quoted cell that starts on line " + start
                            + " is not closed within " + MAX_RECORD_LINES + " lines (look for a stray double quote)");
                }
                continue;
            }
            if (c == '"' && !tracking) {
                startTracking();
            }
            if (tracking) {
                raw.append((char) c);
            }
            if (++recordChars > MAX_RECORD_CHARS) {
                return malformed(start, lines, tooLong(quoted, start));
            }
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                    afterQuote = true;
                } else {
                    cell.append((char) c);
                }
            } else if (afterQuote) {
                if (c == '"') {
                    cell.append('"');
                    quoted = true;
                    afterQuote = false;
                } else if (c == separator) {
                    endCell();
                    afterQuote = false;
                } else {
                    return malformed(start, lines, "text after the closing quote of cell " + (cells.size() + 1)
                            + " (a quote inside a quoted cell must be doubled)");
                }
            } else if (c == separator) {
                endCell();
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else {
                cell.append((char) c);
            }
        }
    }

    private static String tooLong(boolean quoted, long start) {
        return "the record is longer than " + MAX_RECORD_CHARS + " characters" + (quoted ? " (a quoted cell that"
                + " starts on line " + start + " is not closed: look for a stray double quote)" : "");
    }

    /** Starts keeping the record's text: what was read so far had no quote, so it is its cells joined again. */
    private void startTracking() {
        for (String done : cells) {
            raw.append(done).append(separator);
        }
        raw.append(cell);
        tracking = true;
    }

    private void endCell() {
        cells.add(cell.toString());
        cell.setLength(0);
    }

    private Record record(long start) {
        endCell();
        return new Record(start, cells.toArray(String[]::new), null, null);
    }

    /**
     * A malformed record: its first physical line's text is kept (up to the bound), what was read past that line
     * is given back to be read again, and what is left of the first line is skipped.
     */
    private Record malformed(long start, int lines, String reason) throws IOException {
        if (!tracking) {
            startTracking();
        }
        int firstBreak = firstBreak(raw);
        String text;
        if (lines > 1 && firstBreak >= 0) {
            text = raw.substring(0, firstBreak);
            int next = raw.charAt(firstBreak) == '\r' && firstBreak + 1 < raw.length()
                    && raw.charAt(firstBreak + 1) == '\n' ? firstBreak + 2 : firstBreak + 1;
            giveBack(raw.substring(next));
            line = start + 1;
        } else {
            text = raw.length() > MAX_RECORD_CHARS ? raw.substring(0, MAX_RECORD_CHARS) : raw.toString();
            skipRestOfLine();
        }
        return new Record(start, null, reason, text);
    }

    private static int firstBreak(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    private void skipRestOfLine() throws IOException {
        int c;
        while ((c = read()) >= 0) {
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                return;
            }
        }
    }

    /** Text to be read again before the stream, ahead of whatever replay is left. */
    private void giveBack(String text) {
        if (replay != null && replayPosition < replay.length()) {
            text = text + replay.substring(replayPosition);
        }
        replay = text.isEmpty() ? null : text;
        replayPosition = 0;
    }

    private int read() throws IOException {
        if (replay != null) {
            char c = replay.charAt(replayPosition++);
            if (replayPosition == replay.length()) {
                replay = null;
            }
            return c;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (replay != null) {
            return replay.charAt(replayPosition);
        }
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    /** Decodes more characters into the buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pendingError != null) {
            throw new EncodingException(line, "byte(s) that are not valid " + decoder.charset().name());
        }
        CharBuffer out = CharBuffer.wrap(buffer);
        while (out.position() == 0) {
            if (flushed) {
                return false;
            }
            CoderResult result = decoder.decode(bytes, out, inputDone);
            if (result.isError()) {
                if (out.position() == 0) {
                    throw new EncodingException(line, "byte(s) that are not valid " + decoder.charset().name());
                }
                pendingError = result;
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (inputDone) {
                decoder.flush(out);
                flushed = true;
                continue;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                inputDone = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        position = 0;
        limit = out.position();
        if (!started) {
            started = true;
            if (limit > 0 && buffer[0] == '\uFEFF') {
                position = 1;
                return limit > 1 || fill();
            }
        }
        return true;
    }
}
