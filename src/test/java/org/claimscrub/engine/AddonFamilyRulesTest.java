package org.claimscrub.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.claimscrub.engine.Lines.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The family rules, for each digitization add-on with the primary its family file declares
 * ({@code primaryOf0856T()}): each edit fires when it must and stays quiet when it must not, on both sides of
 * every condition. The pairs come from the rules folder, so a change of primary is a change of DRL and of the
 * rule test cases (which state the pairs independently, as data): never of this class. A subclass runs the same
 * tests on a changed copy of the folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddonFamilyRulesTest {

    /** The folder under test: the shipped one here. */
    RulesUnderTest rules() {
        return ShippedRules.underTest();
    }

    Stream<Arguments> addons() {
        List<Arguments> pairs = DrlRules.unchained(rules().primaryOf()).entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue())).toList();
        assertFalse(pairs.isEmpty(), "no primaryOf... function under " + rules().folder());
        return pairs.stream();
    }

    private List<String> problemsOn(String code, Lines... lines) {
        return rules().problemsOn(code, lines);
    }

    private List<String> problems(Lines... lines) {
        return rules().problems(lines);
    }

    /** assertEquals, its message naming where the pairing is declared. */
    private void expect(List<String> expected, List<String> actual, String addon) {
        assertEquals(expected, actual, () -> rules().pairing(addon));
    }

    @ParameterizedTest(name = "{0} with {1} on the same visit: quiet")
    @MethodSource("addons")
    void addonWithItsPrimaryIsQuiet(String addon, String primary) {
        expect(List.of(), problemsOn(addon, line(primary), line(addon).claim("C1", 2)), addon);
    }

    @ParameterizedTest(name = "{0} alone: {0} without {1}")
    @MethodSource("addons")
    void addonWithoutAnyPrimaryFires(String addon, String primary) {
        expect(List.of("AOP-" + addon + "@C1:1"), problemsOn(addon, line(addon)), addon);
    }

    @ParameterizedTest(name = "{0} with {1} on another claim of the same patient and lab: quiet")
    @MethodSource("addons")
    void primaryOnAnotherClaimOfTheVisitCounts(String addon, String primary) {
        expect(List.of(), problemsOn(addon, line(primary).claim("C1", 1), line(addon).claim("C2", 1)), addon);
    }

    @ParameterizedTest(name = "{0} with {1} the day before: fires")
    @MethodSource("addons")
    void primaryOnAnotherDateDoesNotCount(String addon, String primary) {
        expect(List.of("AOP-" + addon + "@C2:1"),
                problemsOn(addon, line(primary).claim("C1", 1).on("2025-03-09"), line(addon).claim("C2", 1)),
                addon);
    }

    @ParameterizedTest(name = "{0} with {1} billed by another provider: fires")
    @MethodSource("addons")
    void primaryOfAnotherProviderDoesNotCount(String addon, String primary) {
        expect(List.of("AOP-" + addon + "@C2:1"),
                problemsOn(addon, line(primary).claim("C1", 1).billedBy(Lines.OTHER_LAB), line(addon).claim("C2", 1)),
                addon);
    }

    @ParameterizedTest(name = "{0} with {1} of another patient: fires")
    @MethodSource("addons")
    void primaryOfAnotherPatientDoesNotCount(String addon, String primary) {
        expect(List.of("AOP-" + addon + "@C2:1"),
                problemsOn(addon, line(primary).claim("C1", 1).patient("PT2"), line(addon).claim("C2", 1)), addon);
    }

    @ParameterizedTest(name = "{0} x2 with {1} x2: quiet")
    @MethodSource("addons")
    void equalUnitsAreQuiet(String addon, String primary) {
        expect(List.of(), problemsOn(addon, line(primary).units(2), line(addon).claim("C1", 2).units(2)), addon);
    }

    @ParameterizedTest(name = "{0} x3 with {1} x2: units over")
    @MethodSource("addons")
    void moreAddonUnitsThanPrimaryUnitsFires(String addon, String primary) {
        expect(List.of("AOU-" + addon + "@C1:2"),
                problemsOn(addon, line(primary).units(2), line(addon).claim("C1", 2).units(3)), addon);
    }

    @ParameterizedTest(name = "{0} 1+1 lines with {1} 1+1 lines across claims: quiet")
    @MethodSource("addons")
    void unitsAreSummedOverLinesAndClaims(String addon, String primary) {
        expect(List.of(), problemsOn(addon,
                line(primary).claim("C1", 1), line(addon).claim("C1", 2),
                line(primary).claim("C2", 1), line(addon).claim("C2", 2)), addon);
    }

    @ParameterizedTest(name = "{0} on two claims (1+1) with {1} x1: one finding, on the first {0} line")
    @MethodSource("addons")
    void unitsOverIsRaisedOncePerVisit(String addon, String primary) {
        expect(List.of("AOU-" + addon + "@C1:2"), problemsOn(addon,
                line(primary).claim("C1", 1), line(addon).claim("C1", 2), line(addon).claim("C2", 1)), addon);
    }

    @ParameterizedTest(name = "{0} with {1}-26 only: professional-only warning")
    @MethodSource("addons")
    void primaryBilledProfessionalOnlyWarns(String addon, String primary) {
        List<String> problems = problemsOn(addon, line(primary).modifiers("26"), line(addon).claim("C1", 2));
        expect(List.of("AOPC-" + addon + "@C1:2"),
                problems.stream().filter(p -> p.startsWith("AOPC-")).toList(), addon);
    }

    @ParameterizedTest(name = "{0} with {1}-26 and a global {1}: quiet")
    @MethodSource("addons")
    void primaryBilledGlobalOnAnotherLineIsQuiet(String addon, String primary) {
        List<String> problems = problemsOn(addon, line(primary).modifiers("26"), line(primary).claim("C1", 2),
                line(addon).claim("C1", 3).units(2));
        expect(List.of(), problems.stream().filter(p -> p.startsWith("AOPC-")).toList(), addon);
    }

    @Test
    void withoutPatientIdOnlyTheClaimCounts() {
        assertEquals(List.of("AOP-0753T@C2:1"),
                problems(line(rules().primaryOf("0753T")).claim("C1", 1).patient(""),
                        line("0753T").claim("C2", 1).patient("")));
        assertEquals(List.of(), problems(line(rules().primaryOf("0753T")).patient(""),
                line("0753T").claim("C1", 2).patient("")));
    }

    @Test
    void withoutBillingProviderOnlyTheClaimCounts() {
        assertEquals(List.of("AOP-0753T@C2:1"),
                problems(line(rules().primaryOf("0753T")).claim("C1", 1).billedBy(""),
                        line("0753T").claim("C2", 1).billedBy("")));
    }

    @Test
    void primariesOutOfNumericOrderAreNotConfused() {
        // another add-on's primary, near in number, does not count
        assertEquals(List.of("AOP-0836T@C1:2"),
                problems(line(rules().primaryOf("0837T")), line("0836T").claim("C1", 2)));
        assertEquals(List.of("AOP-0849T@C1:2"),
                problems(line(rules().primaryOf("0848T")), line("0849T").claim("C1", 2)));
    }
}
