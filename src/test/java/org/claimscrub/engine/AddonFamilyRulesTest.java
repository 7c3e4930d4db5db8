package org.claimscrub.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.claimscrub.engine.Lines.line;
import static org.claimscrub.engine.ShippedRules.problems;
import static org.claimscrub.engine.ShippedRules.problemsOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The family rules, for each of the 43 digitization add-ons (pairs from src/test/resources/addon-primaries.csv,
 * written from the domain brief independently of the DRL): each edit fires when it must and stays quiet when it
 * must not, on both sides of every condition.
 */
class AddonFamilyRulesTest {

    static Stream<Arguments> addons() throws IOException {
        try (InputStream in = AddonFamilyRulesTest.class.getResourceAsStream("/addon-primaries.csv")) {
            String[] rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            return Stream.of(rows).skip(1).map(r -> r.split(",")).map(c -> Arguments.of(c[0], c[1]));
        }
    }

    @ParameterizedTest(name = "{0} with {1} on the same visit: quiet")
    @MethodSource("addons")
    void addonWithItsPrimaryIsQuiet(String addon, String primary) {
        assertEquals(List.of(), problemsOn(addon, line(primary), line(addon).claim("C1", 2)));
    }

    @ParameterizedTest(name = "{0} alone: {0} without {1}")
    @MethodSource("addons")
    void addonWithoutAnyPrimaryFires(String addon, String primary) {
        assertEquals(List.of("AOP-" + addon + "@C1:1"), problemsOn(addon, line(addon)));
    }

    @ParameterizedTest(name = "{0} with {1} on another claim of the same patient and lab: quiet")
    @MethodSource("addons")
    void primaryOnAnotherClaimOfTheVisitCounts(String addon, String primary) {
        assertEquals(List.of(), problemsOn(addon, line(primary).claim("C1", 1), line(addon).claim("C2", 1)));
    }

    @ParameterizedTest(name = "{0} with {1} the day before: fires")
    @MethodSource("addons")
    void primaryOnAnotherDateDoesNotCount(String addon, String primary) {
        assertEquals(List.of("AOP-" + addon + "@C2:1"),
                problemsOn(addon, line(primary).claim("C1", 1).on("2025-03-09"), line(addon).claim("C2", 1)));
    }

    @ParameterizedTest(name = "{0} with {1} billed by another provider: fires")
    @MethodSource("addons")
    void primaryOfAnotherProviderDoesNotCount(String addon, String primary) {
        assertEquals(List.of("AOP-" + addon + "@C2:1"),
                problemsOn(addon, line(primary).claim("C1", 1).billedBy(Lines.OTHER_LAB), line(addon).claim("C2", 1)));
    }

    @ParameterizedTest(name = "{0} with {1} of another patient: fires")
    @MethodSource("addons")
    void primaryOfAnotherPatientDoesNotCount(String addon, String primary) {
        assertEquals(List.of("AOP-" + addon + "@C2:1"),
                problemsOn(addon, line(primary).claim("C1", 1).patient("PT2"), line(addon).claim("C2", 1)));
    }

    @ParameterizedTest(name = "{0} x2 with {1} x2: quiet")
    @MethodSource("addons")
    void equalUnitsAreQuiet(String addon, String primary) {
        assertEquals(List.of(), problemsOn(addon, line(primary).units(2), line(addon).claim("C1", 2).units(2)));
    }

    @ParameterizedTest(name = "{0} x3 with {1} x2: units over")
    @MethodSource("addons")
    void moreAddonUnitsThanPrimaryUnitsFires(String addon, String primary) {
        assertEquals(List.of("AOU-" + addon + "@C1:2"),
                problemsOn(addon, line(primary).units(2), line(addon).claim("C1", 2).units(3)));
    }

    @ParameterizedTest(name = "{0} 1+1 lines with {1} 1+1 lines across claims: quiet")
    @MethodSource("addons")
    void unitsAreSummedOverLinesAndClaims(String addon, String primary) {
        assertEquals(List.of(), problemsOn(addon,
                line(primary).claim("C1", 1), line(addon).claim("C1", 2),
                line(primary).claim("C2", 1), line(addon).claim("C2", 2)));
    }

    @ParameterizedTest(name = "{0} on two claims (1+1) with {1} x1: one finding, on the first {0} line")
    @MethodSource("addons")
    void unitsOverIsRaisedOncePerVisit(String addon, String primary) {
        assertEquals(List.of("AOU-" + addon + "@C1:2"), problemsOn(addon,
                line(primary).claim("C1", 1), line(addon).claim("C1", 2), line(addon).claim("C2", 1)));
    }

    @ParameterizedTest(name = "{0} with {1}-26 only: professional-only warning")
    @MethodSource("addons")
    void primaryBilledProfessionalOnlyWarns(String addon, String primary) {
        List<String> problems = problemsOn(addon, line(primary).modifiers("26"), line(addon).claim("C1", 2));
        assertEquals(List.of("AOPC-" + addon + "@C1:2"),
                problems.stream().filter(p -> p.startsWith("AOPC-")).toList());
    }

    @ParameterizedTest(name = "{0} with {1}-26 and a global {1}: quiet")
    @MethodSource("addons")
    void primaryBilledGlobalOnAnotherLineIsQuiet(String addon, String primary) {
        List<String> problems = problemsOn(addon, line(primary).modifiers("26"), line(primary).claim("C1", 2),
                line(addon).claim("C1", 3).units(2));
        assertEquals(List.of(), problems.stream().filter(p -> p.startsWith("AOPC-")).toList());
    }

    @Test
    void withoutPatientIdOnlyTheClaimCounts() {
        assertEquals(List.of("AOP-0753T@C2:1"),
                problems(line("88305").claim("C1", 1).patient(""), line("0753T").claim("C2", 1).patient("")));
        assertEquals(List.of(), problems(line("88305").patient(""), line("0753T").claim("C1", 2).patient("")));
    }

    @Test
    void withoutBillingProviderOnlyTheClaimCounts() {
        assertEquals(List.of("AOP-0753T@C2:1"),
                problems(line("88305").claim("C1", 1).billedBy(""), line("0753T").claim("C2", 1).billedBy("")));
    }

    @Test
    void primariesOutOfNumericOrderAreNotConfused() {
        assertEquals(List.of("AOP-0836T@C1:2"), problems(line("88173"), line("0836T").claim("C1", 2)));
        assertEquals(List.of("AOP-0849T@C1:2"), problems(line("88365"), line("0849T").claim("C1", 2)));
    }
}
