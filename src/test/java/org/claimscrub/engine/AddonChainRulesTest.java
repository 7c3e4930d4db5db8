package org.claimscrub.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.claimscrub.engine.Lines.line;
import static org.claimscrub.engine.ShippedRules.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The six primaries that are add-on codes themselves need their own base code on the visit. */
class AddonChainRulesTest {

    @ParameterizedTest(name = "{0} without {1}: fires")
    @CsvSource({"88341,88342", "88177,88172", "88334,88331", "88350,88346", "88364,88365", "88369,88368"})
    void chainedAddonAloneFires(String addon, String base) {
        assertEquals(List.of("AOP-" + addon + "@C1:1"), problems(line(addon)));
    }

    @ParameterizedTest(name = "{0} with {1}: quiet")
    @CsvSource({"88341,88342", "88177,88172", "88334,88331", "88334,88333", "88350,88346", "88364,88365",
        "88369,88368"})
    void chainedAddonWithItsBaseIsQuiet(String addon, String base) {
        assertEquals(List.of(), problems(line(base), line(addon).claim("C1", 2)));
    }

    @Test
    void digitizationOfAChainedAddonNeedsTheWholeChain() {
        assertEquals(List.of(), problems(line("88342"), line("88341").claim("C1", 2), line("0761T").claim("C1", 3)));
        assertEquals(List.of("AOP-88341@C1:1"), problems(line("88341"), line("0761T").claim("C1", 2)));
        assertEquals(List.of("AOP-0761T@C1:2"), problems(line("88342"), line("0761T").claim("C1", 2)));
    }

    @Test
    void aBaseOnAnotherDateDoesNotCount() {
        assertEquals(List.of("AOP-88341@C1:2"),
                problems(line("88342").on("2025-03-09"), line("88341").claim("C1", 2)));
    }
}
