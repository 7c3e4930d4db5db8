package org.claimscrub.engine;

import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;

import java.nio.file.Path;
import java.util.List;

/** The shipped rules folder, compiled once for all rule tests, and a scrub of a handful of lines. */
final class ShippedRules {
    static final Path FOLDER = Path.of("rules");
    private static RulesUnderTest shipped;

    private ShippedRules() {
    }

    static synchronized RulesUnderTest underTest() {
        if (shipped == null) {
            shipped = RulesUnderTest.load(FOLDER);
        }
        return shipped;
    }

    static RuleBase rules() {
        return underTest().rules();
    }

    static ReferenceData reference() {
        return underTest().reference();
    }

    /** The primary the shipped family files pair with the add-on. */
    static String primaryOf(String addon) {
        return underTest().primaryOf(addon);
    }

    static List<Finding> scrub(Lines... lines) {
        return underTest().scrub(lines);
    }

    static List<String> edits(Lines... lines) {
        return underTest().edits(lines);
    }

    static List<String> problems(Lines... lines) {
        return underTest().problems(lines);
    }

    static List<String> problemsOn(String code, Lines... lines) {
        return underTest().problemsOn(code, lines);
    }
}
