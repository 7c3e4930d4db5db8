package org.claimscrub.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The up to four 2-character modifiers of a claim line, in billed order.
 * Order matters for pricing but not for duplicate detection, hence {@link #sameSetAs}.
 */
public record Modifiers(List<String> values) {
    public static final int MAX = 4;
    public static final Modifiers NONE = new Modifiers(List.of());

    public Modifiers {
        values = List.copyOf(values);
        if (values.size() > MAX) {
            throw new IllegalArgumentException("more than " + MAX + " modifiers");
        }
    }

    public static Modifiers of(String... values) {
        return new Modifiers(List.of(values));
    }

    public boolean has(String modifier) {
        return values.contains(modifier);
    }

    /** The first of the given modifiers that this line carries, or null. */
    public String firstOf(String... candidates) {
        for (String c : candidates) {
            if (values.contains(c)) {
                return c;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The same modifiers, each as many times, in any order ("26 TC" = "TC 26", but "26 26" differs from "26 TC"). */
    public boolean sameSetAs(Modifiers other) {
        if (values.equals(other.values)) {
            return true;
        }
        if (values.size() != other.values.size()) {
            return false;
        }
        List<String> mine = new ArrayList<>(values);
        List<String> theirs = new ArrayList<>(other.values);
        Collections.sort(mine);
        Collections.sort(theirs);
        return mine.equals(theirs);
    }

    /** Space separated, as the report shows them; written on every finding row, so no stream. */
    @Override
    public String toString() {
        return values.size() == 1 ? values.get(0) : String.join(" ", values);
    }
}
