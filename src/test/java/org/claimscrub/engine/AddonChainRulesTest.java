package org.claimscrub.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.claimscrub.engine.Lines.line;
import static org.claimscrub.engine.ShippedRules.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The six primaries that are add-on codes themselves need their own base code on the visit. */
class AddonChainRulesTest {

    /**
     * The primaries that are add-ons themselves, with the base code their family file declares
     * ({@code primaryOf88341()}); 88334 takes either of two bases, written in its rule.
     */
    static Stream<Arguments> chained() {
        Map<String, String> pairs = ShippedRules.underTest().primaryOf();
        Stream<Arguments> declared = pairs.entrySet().stream().filter(e -> pairs.containsValue(e.getKey()))
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
        return Stream.concat(declared, Stream.of(Arguments.of("88334", "88331"), Arguments.of("88334", "88333")));
    }

    @ParameterizedTest(name = "{0} without {1}: fires")
    @MethodSource("chained")
    void chainedAddonAloneFires(String addon, String base) {
        assertEquals(List.of("AOP-" + addon + "@C1:1"), problems(line(addon)));
    }

    @ParameterizedTest(name = "{0} with {1}: quiet")
    @MethodSource("chained")
    void chainedAddonWithItsBaseIsQuiet(String addon, String base) {
        assertEquals(List.of(), problems(line(base), line(addon).claim("C1", 2)));
    }

    @Test
    void digitizationOfAChainedAddonNeedsTheWholeChain() {
        String primary = ShippedRules.primaryOf("0761T");
        String base = ShippedRules.primaryOf(primary);
        assertEquals(List.of(), problems(line(base), line(primary).claim("C1", 2), line("0761T").claim("C1", 3)));
        assertEquals(List.of("AOP-" + primary + "@C1:1"), problems(line(primary), line("0761T").claim("C1", 2)));
        assertEquals(List.of("AOP-0761T@C1:2"), problems(line(base), line("0761T").claim("C1", 2)));
    }

    @Test
    void aBaseOnAnotherDateDoesNotCount() {
        String chained = ShippedRules.primaryOf("0761T");
        assertEquals(List.of("AOP-" + chained + "@C1:2"),
                problems(line(ShippedRules.primaryOf(chained)).on("2025-03-09"), line(chained).claim("C1", 2)));
    }
}
