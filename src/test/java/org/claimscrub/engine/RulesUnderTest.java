package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A rules folder compiled for rule tests, the add-on pairs its family files declare, and a scrub of a handful
 * of lines. The shipped folder is {@link ShippedRules}; a test of a changed copy builds its own.
 */
record RulesUnderTest(Path folder, RuleBase rules, ReferenceData reference, Map<String, String> primaryOf) {

    static RulesUnderTest load(Path folder) {
        try {
            return new RulesUnderTest(folder, new RuleLoader().load(folder),
                    new ReferenceDataLoader().load(folder.resolve("reference")), DrlRules.primaries(folder));
        } catch (Exception e) {
            throw new IllegalStateException(folder + ": rules do not load: " + e.getMessage(), e);
        }
    }

    List<Finding> scrub(Lines... lines) {
        List<ClaimLine> built = Arrays.stream(lines).map(Lines::build).toList();
        return new Scrubber(rules, reference).scrub(built);
    }

    /** "AOP-0856T@C1:2" for each finding, the compact form tests compare. */
    List<String> edits(Lines... lines) {
        return scrub(lines).stream().map(RulesUnderTest::compact).toList();
    }

    /** The errors and warnings raised, ignoring the notices every add-on line gets. */
    List<String> problems(Lines... lines) {
        return scrub(lines).stream().filter(f -> f.severity() != Severity.NOTICE).map(RulesUnderTest::compact)
                .toList();
    }

    /** The errors and warnings raised on lines of one code. */
    List<String> problemsOn(String code, Lines... lines) {
        return scrub(lines).stream()
                .filter(f -> f.severity() != Severity.NOTICE && f.line().code().equals(code))
                .map(RulesUnderTest::compact)
                .toList();
    }

    /** The primary the rules pair with the add-on; fails, saying where pairs are declared, when none is. */
    String primaryOf(String addon) {
        String primary = primaryOf.get(addon);
        if (primary == null) {
            throw new IllegalStateException(addon + ": no family file under " + folder + " declares its primary"
                    + " (function String " + DrlRules.PRIMARY_FUNCTION_PREFIX + addon + "() { return \"...\"; })");
        }
        return primary;
    }

    /** Where a failing family test points the reader: the function that declares the pairing. */
    String pairing(String addon) {
        return "pairing " + addon + " -> " + primaryOf(addon) + " as " + DrlRules.PRIMARY_FUNCTION_PREFIX + addon
                + "() under " + folder.resolve("families") + " declares it; if the primary changed, change the"
                + " rule test cases under " + folder.resolve("tests") + " too (rules/README.md)";
    }

    private static String compact(Finding f) {
        return f.edit().editId() + "@" + f.line().claimId() + ":" + f.line().lineNumber();
    }
}
