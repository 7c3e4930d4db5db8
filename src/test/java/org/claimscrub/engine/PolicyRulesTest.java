package org.claimscrub.engine;

import org.claimscrub.model.Finding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.claimscrub.engine.Lines.line;
import static org.claimscrub.engine.ShippedRules.edits;
import static org.claimscrub.engine.ShippedRules.primaryOf;
import static org.claimscrub.engine.ShippedRules.problems;
import static org.claimscrub.engine.ShippedRules.problemsOn;
import static org.claimscrub.engine.ShippedRules.scrub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy rules under rules/policy, each condition from both sides. */
class PolicyRulesTest {

    @Nested
    class ModifiersNotAllowed {
        @ParameterizedTest(name = "{1} on {0}: fires")
        @CsvSource({"0753T,26,MOD-26", "0841T,TC,MOD-TC", "88141,26,MOD-26", "88141,TC,MOD-TC", "88321,26,MOD-26",
            "88321,TC,MOD-TC", "85097,26,MOD-26", "85060,TC,MOD-TC", "0760T,62,MOD-62", "0856T,66,MOD-66",
            "88305,62,MOD-62", "88305,66,MOD-66"})
        void forbiddenModifierFires(String code, String modifier, String editId) {
            assertEquals(List.of(editId + "@C1:1"), modifierEdits(line(code).modifiers(modifier)));
        }

        @ParameterizedTest(name = "{1} on {0}: quiet")
        @CsvSource({"88305,26", "88305,TC", "88342,26", "88348,TC", "85060,26", "88305,59", "99213,62",
            "99213,66"})
        void allowedOrUnknownModifierIsQuiet(String code, String modifier) {
            assertEquals(List.of(), modifierEdits(line(code).modifiers(modifier)));
        }

        private List<String> modifierEdits(Lines line) {
            return problems(line).stream().filter(p -> p.startsWith("MOD-")).toList();
        }

        @Test
        void messageSaysWhichIndicatorForbidsItAndWhatToDo() {
            Finding f = scrub(line("0753T").modifiers("26")).stream()
                    .filter(x -> x.edit().editId().equals("MOD-26")).findFirst().orElseThrow();
            assertEquals("Modifier 26 is not allowed on 0753T: its PC/TC indicator is 3 (technical component only"
                    + " code). Remove modifier 26 before submission.", f.message());
        }

        @Test
        void aCodeNoTableKnowsRaisesNothing() {
            assertEquals(List.of(), problems(line("99213").modifiers("26", "TC", "62", "66")));
        }
    }

    @Nested
    class ModifiersToReview {
        @ParameterizedTest(name = "{1} on 0753T: {2}")
        @CsvSource({"51,MODR-51", "50,MODR-50", "80,MODR-ASST", "81,MODR-ASST", "82,MODR-ASST", "AS,MODR-ASST"})
        void reviewModifierOnAnAddonWarns(String modifier, String editId) {
            assertEquals(List.of(editId + "@C1:2"),
                    problemsOn("0753T", line(primaryOf("0753T")), line("0753T").claim("C1", 2).modifiers(modifier)));
        }

        @ParameterizedTest(name = "{1} on {0}: {2}")
        @CsvSource({"88305,50,MODR-50", "88305,80,MODR-ASST", "88305,AS,MODR-ASST", "88341,51,MODR-51"})
        void reviewModifierOnAPrimaryWarnsFromTheShippedIndicators(String code, String modifier, String editId) {
            assertEquals(List.of(editId + "@C1:1"), problems(line(code).modifiers(modifier)).stream()
                    .filter(p -> p.startsWith("MODR-")).toList());
        }

        @Test
        void modifier51OnAPrimaryWithAGlobalPeriodIsQuiet() {
            assertEquals(List.of(), problems(line("88305").modifiers("51")));
        }

        @ParameterizedTest(name = "{0} on 99213 (indicators not on file): quiet")
        @ValueSource(strings = {"51", "50", "80", "AS"})
        void reviewModifierWhereTheIndicatorIsNotOnFileIsQuiet(String modifier) {
            assertEquals(List.of(), problems(line("99213").modifiers(modifier)));
        }

        @Test
        void assistantMessageNamesTheModifierBilled() {
            Finding f = scrub(line(primaryOf("0753T")), line("0753T").claim("C1", 2).modifiers("59", "82")).stream()
                    .filter(x -> x.edit().editId().equals("MODR-ASST")).findFirst().orElseThrow();
            assertTrue(f.message().startsWith("Modifier 82 on 0753T needs review"), f.message());
        }
    }

    @Nested
    class EffectiveDates {
        @ParameterizedTest(name = "{0} on {1}: {2}")
        @CsvSource({
            "0751T,2022-12-31,EFF-BEFORE", "0751T,2023-01-01,", "0841T,2023-12-31,EFF-BEFORE", "0841T,2024-01-01,",
            "0751T,2027-12-31,", "0751T,2028-01-01,EFF-SUNSET", "0856T,2028-12-31,", "0856T,2029-01-01,EFF-SUNSET"})
        void effectiveAndSunsetBoundaries(String addon, String date, String editId) {
            String primary = primaryOf(addon);
            List<String> expected = editId == null ? List.of() : List.of(editId + "@C1:2");
            assertEquals(expected, problemsOn(addon, line(primary).on(date), line(addon).claim("C1", 2).on(date)));
        }

        @Test
        void codesWithoutDatesOnFileAreNeverOutOfDate() {
            assertEquals(List.of(), problems(line("88305").on("1999-01-01")));
        }
    }

    @Nested
    class OppsPackaging {
        @Test
        void packagedAddonOnAHospitalOutpatientClaimGetsTheNotice() {
            assertEquals(List.of("OPPS-PKG@C1:2"),
                    edits(line(primaryOf("0753T")).institutional("0131"),
                            line("0753T").claim("C1", 2).institutional("0131")));
        }

        @Test
        void otherBillTypesAndProfessionalClaimsDoNot() {
            assertTrue(edits(line(primaryOf("0753T")).institutional("0141"), line("0753T").claim("C1", 2)
                    .institutional("0141")).isEmpty());
            assertEquals(List.of("CPR-C@C1:2"), edits(line(primaryOf("0753T")), line("0753T").claim("C1", 2)));
        }

        @Test
        void primariesWithoutAStatusIndicatorOnFileGetNothing() {
            assertEquals(List.of(), edits(line("88305").institutional("0131")));
        }
    }

    @Nested
    class CarrierPriced {
        @Test
        void statusCCodeOnAProfessionalClaimGetsTheNotice() {
            assertEquals(List.of("CPR-C@C1:2"), edits(line(primaryOf("0856T")), line("0856T").claim("C1", 2)));
        }

        @Test
        void primariesAndInstitutionalClaimsDoNot() {
            assertEquals(List.of(), edits(line("88348")));
            assertEquals(List.of(), edits(line(primaryOf("0856T")).institutional("0141"),
                    line("0856T").claim("C1", 2).institutional("0141")));
        }
    }

    @Nested
    class DuplicateLines {
        @Test
        void sameCodeModifiersDateAndUnitsOnOneClaimWarnsOnTheLaterLine() {
            assertEquals(List.of("DUP-LINE@C1:2"), problems(line("88312"), line("88312").claim("C1", 2)));
        }

        @Test
        void modifierOrderDoesNotHideADuplicate() {
            assertEquals(List.of("DUP-LINE@C1:2"), problems(line("88305").modifiers("26", "59"),
                    line("88305").claim("C1", 2).modifiers("59", "26")));
        }

        @Test
        void eachLaterCopyNamesTheFirstLine() {
            List<Finding> findings = scrub(line("88312"), line("88312").claim("C1", 2), line("88312").claim("C1", 3));
            assertEquals(List.of("Line 2 repeats line 1", "Line 3 repeats line 1"), findings.stream()
                    .map(f -> f.message().substring(0, "Line 2 repeats line 1".length())).toList());
        }

        @Test
        void anyDifferenceIsNotADuplicate() {
            assertEquals(List.of(), problems(line("88312"), line("88312").claim("C1", 2).units(2)));
            assertEquals(List.of(), problems(line("88312"), line("88312").claim("C1", 2).modifiers("76")));
            assertEquals(List.of(), problems(line("88312"), line("88313").claim("C1", 2)));
            assertEquals(List.of(), problems(line("88312"), line("88312").claim("C2", 1)));
            assertEquals(List.of(), problems(line("88312"), line("88312").claim("C1", 2).on("2025-03-11")));
        }
    }

    @Nested
    class Documentation {
        @Test
        void automatedImagingNoteOn0854TOnly() {
            assertEquals(List.of("CPR-C@C1:2", "DOC-0854T@C1:2"), edits(line("85060"), line("0854T").claim("C1", 2)));
            assertEquals(List.of("CPR-C@C1:2"), edits(line("85097"), line("0855T").claim("C1", 2)));
        }
    }
}
