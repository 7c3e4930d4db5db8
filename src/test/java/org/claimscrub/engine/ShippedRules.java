package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The shipped rules folder, compiled once for all rule tests, and a scrub of a handful of lines. */
final class ShippedRules {
    static final Path FOLDER = Path.of("rules");
    private static RuleBase rules;
    private static ReferenceData reference;

    private ShippedRules() {
    }

    static synchronized RuleBase rules() {
        if (rules == null) {
            try {
                reference = new ReferenceDataLoader().load(FOLDER.resolve("reference"));
                rules = new RuleLoader().load(FOLDER);
            } catch (Exception e) {
                throw new IllegalStateException("shipped rules do not load: " + e.getMessage(), e);
            }
        }
        return rules;
    }

    static synchronized ReferenceData reference() {
        rules();
        return reference;
    }

    static List<Finding> scrub(Lines... lines) {
        List<ClaimLine> built = Arrays.stream(lines).map(Lines::build).toList();
        return new Scrubber(rules(), reference()).scrub(built);
    }

    /** "AOP-0856T@C1:2" for each finding, the compact form tests compare. */
    static List<String> edits(Lines... lines) {
        return scrub(lines).stream().map(ShippedRules::compact).toList();
    }

    /** The errors and warnings raised, ignoring the notices every add-on line gets. */
    static List<String> problems(Lines... lines) {
        return scrub(lines).stream()
                .filter(f -> f.severity() != Severity.NOTICE)
                .map(ShippedRules::compact)
                .toList();
    }

    /** The errors and warnings raised on lines of one code. */
    static List<String> problemsOn(String code, Lines... lines) {
        return scrub(lines).stream()
                .filter(f -> f.severity() != Severity.NOTICE && f.line().code().equals(code))
                .map(ShippedRules::compact)
                .toList();
    }

    private static String compact(Finding f) {
        return f.edit().editId() + "@" + f.line().claimId() + ":" + f.line().lineNumber();
    }
}
