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
 * the one already seen. Shared by a scrubber's sessions on every thread; at most {@link #MAX} messages kept.
 * Values are memoised only where equal values always print the same (strings, numbers, dates, modifiers, enums).
 */
final class MessageMemo {
    static final int MAX = 50_000;

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
    String format(String template, Function<String, ?> values) {
        List<String> names = asked.computeIfAbsent(template, MessageTemplate::asked);
        Object[] resolved = new Object[names.size()];
        for (int i = 0; i < resolved.length; i++) {
            Object value = values.apply(names.get(i));
            if (!printsByValue(value)) {
                return MessageTemplate.format(template, values);
            }
            resolved[i] = value;
        }
        Key key = new Key(template, resolved);
        String message = made.get(key);
        if (message != null) {
            return message;
        }
        message = MessageTemplate.format(template, values);
        if (made.size() < MAX) {
            String first = made.putIfAbsent(key, message);
            return first != null ? first : message;
        }
        return message;
    }

    /** Whether equal values of this kind always print alike, so that they may share a message. */
    private static boolean printsByValue(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof BigDecimal || value instanceof LocalDate || value instanceof Modifiers
                || value instanceof Enum<?> || value instanceof Boolean;
    }
}
