package org.claimscrub.reference;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Shared lookup of an indicator enum by its CMS code, with an error that lists the valid codes. */
final class Indicators {
    private Indicators() {
    }

    static <E extends Enum<E>> E lookup(E[] values, String code, Function<E, String> codeOf, String what) {
        String wanted = code.trim().toUpperCase();
        for (E value : values) {
            if (codeOf.apply(value).equals(wanted)) {
                return value;
            }
        }
        String valid = Arrays.stream(values).map(codeOf).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + what + " '" + code + "' (expected one of " + valid + ")");
    }
}
