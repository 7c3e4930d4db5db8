package org.claimscrub.reader;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers what a cell parsed to, keyed by its text: codes, dates, modifiers and NPIs repeat on most lines of a
 * batch, so each distinct value is checked once and its parsed form shared by every line that repeats it
 * (less work per line and less heap per line held). Only values that parsed are kept, so a bad cell is
 * reported every time; at most {@link #MAX_ENTRIES} values are kept, so memory stays bounded. One per reader,
 * not thread-safe.
 */
final class CellMemo<T> {
    static final int MAX_ENTRIES = 4_096;

    interface Parser<T> {
        T parse(String field, String value) throws FieldException;
    }

    private final Parser<T> parser;
    private final Map<String, T> values = new HashMap<>();

    CellMemo(Parser<T> parser) {
        this.parser = parser;
    }

    T parse(String field, String value) throws FieldException {
        T parsed = values.get(value);
        if (parsed == null) {
            parsed = parser.parse(field, value);
            if (parsed != null && values.size() < MAX_ENTRIES) {
                values.put(value, parsed);
            }
        }
        return parsed;
    }
}
