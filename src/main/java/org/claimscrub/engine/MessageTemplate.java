package org.claimscrub.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Fills {name} placeholders. An unknown name stays visible as {name}, so a test or reader spots it. */
public final class MessageTemplate {
    private MessageTemplate() {
    }

    /** The {name}s a template asks for, in order of first use: the names {@link #format} fills, each once. */
    public static Set<String> placeholders(String template) {
        return new LinkedHashSet<>(asked(template));
    }

    /** The names {@link #format} asks its values for, in the order it asks, once per placeholder it fills. */
    static List<String> asked(String template) {
        List<String> names = new ArrayList<>();
        format(template, name -> {
            names.add(name);
            return null;
        });
        return List.copyOf(names);
    }

    static String format(String template, Map<String, ?> values) {
        return format(template, values::get);
    }

    /** @param values the value of a placeholder name, or null when unknown */
    public static String format(String template, Function<String, ?> values) {
        return fill(template, (index, name) -> values.apply(name));
    }

    /** The template filled with the values of {@link #asked}'s names, by position. */
    static String formatAsked(String template, Object[] asked) {
        return fill(template, (index, name) -> asked[index]);
    }

    /** A placeholder's value: the index-th placeholder filled, named name; null when unknown. */
    @FunctionalInterface
    private interface Value {
        Object of(int index, String name);
    }

    private static String fill(String template, Value values) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        int filled = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 1, close);
            Object value = values.of(filled++, name);
            out.append(value != null ? value : template.substring(open, close + 1));
            i = close + 1;
        }
        return out.toString();
    }
}
