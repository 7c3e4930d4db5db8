package org.claimscrub.authoring;

import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.reference.ReferenceDataLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped rule test cases (rules/tests), one JUnit test each, plus the rule coverage check. */
class RuleTestCasesTest {
    private static final Path RULES = Path.of("rules");
    private static final Path TESTS = RULES.resolve(RuleTestRunner.TESTS_FOLDER);

    private static RuleTestRunner runner;

    private static synchronized RuleTestRunner runner() throws Exception {
        if (runner == null) {
            RuleBase rules = new RuleLoader().load(RULES);
            runner = new RuleTestRunner(rules, new ReferenceDataLoader().load(RULES.resolve("reference")));
        }
        return runner;
    }

    @TestFactory
    List<DynamicTest> shippedCases() throws Exception {
        List<Path> files = RuleTestRunner.caseFiles(TESTS);
        assertFalse(files.isEmpty(), "no rule test cases under " + TESTS);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String name = TESTS.relativize(file).toString().replace('\\', '/');
            tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> {
                RuleTestRunner.CaseResult result = runner().run(file, name);
                List<String> diff = new ArrayList<>(result.problems());
                result.missing().forEach(m -> diff.add(m.toString()));
                result.unexpected().forEach(u -> diff.add(u.toString()));
                assertTrue(result.passed(), name + ":\n" + String.join("\n", diff));
            }));
        }
        return tests;
    }

    @Test
    void everyEnabledRuleFiresInSomeCase() throws Exception {
        RuleTestRunner.SuiteResult suite = runner().runAll(TESTS);
        List<EditDefinition> untested = suite.untested();
        assertTrue(untested.isEmpty(), "rules no case fires: " + untested.stream()
                .map(e -> e.editId() + " (" + e.ruleFile() + ")").collect(Collectors.joining(", ")));
    }
}
