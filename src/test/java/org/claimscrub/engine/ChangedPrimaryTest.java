package org.claimscrub.engine;

import org.claimscrub.authoring.RuleTestRunner;
import org.claimscrub.authoring.RuleValidator;
import org.claimscrub.authoring.TestRulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change of primary is a change of DRL and of rule test data only. A copy of the rules folder where 0856T's
 * primary becomes 88346, changed as rules/README.md says (the family file's {@code primaryOf0856T()} and the
 * three rule names, and the add-on's case file), passes validate, every rule test case, and this project's own
 * family rule tests: every test of {@link AddonFamilyRulesTest} runs again here, on the copy.
 */
class ChangedPrimaryTest extends AddonFamilyRulesTest {
    @TempDir
    static Path copy;
    private static RulesUnderTest changed;

    @Override
    synchronized RulesUnderTest rules() {
        if (changed == null) {
            try {
                changed = RulesUnderTest.load(changePrimary(TestRulesFolder.copyOfShipped(copy)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed;
    }

    /** The README's recipe: in the family file and in the add-on's case file, 88348 becomes 88346. */
    private static Path changePrimary(Path rules) throws IOException {
        for (String file : new String[] {"families/electron-microscopy.drl",
            "tests/families/electron-microscopy/0856T.csv"}) {
            Path path = rules.resolve(file);
            Files.writeString(path, Files.readString(path).replace("88348", "88346"));
        }
        return rules;
    }

    @Test
    void theCopyPairs0856TWith88346() {
        assertEquals("88346", rules().primaryOf("0856T"));
    }

    @Test
    void validateAndEveryRuleTestCasePassOnTheCopy() throws Exception {
        RuleValidator.Result validated = new RuleValidator().validate(rules().folder());
        assertTrue(validated.clean(), validated.problems().toString());
        RuleTestRunner.SuiteResult suite = new RuleTestRunner(rules().rules(), rules().reference())
                .runAll(rules().folder().resolve(RuleTestRunner.TESTS_FOLDER));
        assertTrue(suite.passed(), () -> suite.cases().stream().filter(c -> !c.passed())
                .map(c -> c.name() + " " + c.missing() + " " + c.unexpected()).toList() + " untested "
                + suite.untested());
    }
}
