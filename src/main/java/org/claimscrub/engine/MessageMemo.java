package org.claimscrub.engine;

import org.claimscrub.model.Modifiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The messages a batch's findings carry, each made once per template and values and then handed out as the same
 * String: most of a batch's messages repeat (one per edit and code), and the report looks each one up in tables
 * of shared strings, which costs a hash and a compare of some hundred characters per finding unless the string is
 * the one already seen. Shared by a scrubber's sessions on every thread; about {@link #MAX} messages kept at most
 * (a few MB), first come; the bench's plain-Java pipeline makes its messages through one too, as the rules do.
 * Values are memoised only where equal values always print the same (strings, numbers, dates, modifiers, enums).
 */
public final class MessageMemo {
    static final int MAX = 10_000;

    private record Key(String template, Object[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && template.equals(k.template) && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return 31 * template.hashCode() + Arrays.hashCode(values);
        }
    }

    private final Map<Key, String> made = new ConcurrentHashMap<>();
    private final Map<String, List<String>> asked = new ConcurrentHashMap<>();

    /** {@link MessageTemplate#format}, the same String for the same template and values. */
    public String format(String template, Function<String, ?> values) {
        List<String> names = asked.computeIfAbsent(template, MessageTemplate::asked);
        Object[] resolved = new Object[names.size()];
        boolean memoised = true;
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = values.apply(names.get(i));
            memoised &= printsByValue(resolved[i]);
        }
        if (!memoised) {
            return MessageTemplate.formatAsked(template, resolved);
        }
        Key key = new Key(template, resolved);
        String message = made.get(key);
        if (message != null) {
            return message;
        }
        message = MessageTemplate.formatAsked(template, resolved);
        if (made.size() < MAX) {
            String first = made.putIfAbsent(key, message);
            return first != null ? first : message;
        }
        return message;
    }

    /** Whether equal values of this kind always print alike, so that they may share a message. */
    private static boolean printsByValue(Object value) {
        // exact classes: a subclass (BigDecimal is not final) may print otherwise
        Class<?> kind = value == null ? String.class : value.getClass();
        return kind == String.class || kind == Integer.class || kind == Long.class || kind == BigDecimal.class
                || kind == LocalDate.class || kind == Modifiers.class || kind == Boolean.class
                || value instanceof Enum<?>;
    }
}
