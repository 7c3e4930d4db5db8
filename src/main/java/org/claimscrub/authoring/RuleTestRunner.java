package org.claimscrub.authoring;

import org.claimscrub.authoring.RuleTestCase.LineKey;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs rule test cases ({@link RuleTestCase}) against a rule base: each case's findings must be exactly the
 * ones its {@code expect} column lists, line by line. Across all cases, every enabled rule must fire (as
 * expected) in at least one case, so a new rule cannot slip in untested.
 *
 * <p>A case {@code NAME.csv} that needs CMS tables (MUE, PTP, add-on code edits, fee schedule) keeps them in a
 * folder {@code NAME.tables/} beside it, under their CMS file names; the case is scrubbed with them loaded.
 */
public final class RuleTestRunner {
    public static final String TESTS_FOLDER = "tests";
    static final String TABLES_SUFFIX = ".tables";

    private final RuleBase rules;
    private final ReferenceData reference;
    private final Scrubber scrubber;
    private final Set<String> knownTokens = new HashSet<>();

    public RuleTestRunner(RuleBase rules, ReferenceData reference) {
        this.rules = rules;
        this.reference = reference;
        this.scrubber = new Scrubber(rules, reference);
        rules.edits().forEach(e -> knownTokens.add(e.editId()));
        for (Category c : Category.values()) {
            knownTokens.add(c.name());
        }
    }

    /** An expected finding that was not raised. */
    public record Missing(LineKey line, String expected) {
        @Override
        public String toString() {
            return "missing:    " + line + ": " + expected + " expected, not raised";
        }
    }

    /** A finding raised that the case did not expect. */
    public record Unexpected(LineKey line, Finding finding) {
        @Override
        public String toString() {
            return "unexpected: " + line + ": " + finding.edit().editId() + " (" + finding.category() + ", rule \""
                    + finding.edit().ruleName() + "\"): " + finding.message();
        }
    }

    /**
     * @param raised the edit ids raised as expected, for coverage
     */
    public record CaseResult(String name, int lines, int findings, List<String> problems, List<Missing> missing,
                             List<Unexpected> unexpected, Set<String> raised) {
        public boolean passed() {
            return problems.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
        }
    }

    /**
     * @param untested enabled edits that no case raises
     */
    public record SuiteResult(List<CaseResult> cases, List<EditDefinition> untested) {
        public boolean passed() {
            return !cases.isEmpty() && untested.isEmpty() && cases.stream().allMatch(CaseResult::passed);
        }

        public long failedCases() {
            return cases.stream().filter(c -> !c.passed()).count();
        }
    }

    /** Every {@code .csv} under the folder, in path order, except the CMS tables of a case. */
    public static List<Path> caseFiles(Path testsFolder) throws IOException {
        if (!Files.isDirectory(testsFolder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(testsFolder)) {
            return walk.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)
                    && !p.getParent().getFileName().toString().endsWith(TABLES_SUFFIX)).sorted().toList();
        }
    }

    public SuiteResult runAll(Path testsFolder) throws IOException, ReferenceDataException {
        List<CaseResult> results = new ArrayList<>();
        for (Path file : caseFiles(testsFolder)) {
            results.add(run(file, testsFolder.relativize(file).toString().replace('\\', '/')));
        }
        return new SuiteResult(results, untested(results));
    }

    /** Reads and runs one case file, with its CMS tables when it has a tables folder. */
    public CaseResult run(Path caseFile, String name) throws IOException, ReferenceDataException {
        return run(RuleTestCase.read(caseFile, name), scrubberFor(caseFile));
    }

    private Scrubber scrubberFor(Path caseFile) throws ReferenceDataException {
        String name = caseFile.getFileName().toString();
        Path tables = caseFile.resolveSibling(name.substring(0, name.length() - ".csv".length()) + TABLES_SUFFIX);
        if (!Files.isDirectory(tables)) {
            return scrubber;
        }
        CmsTables cms = new CmsTableLoader().load(CmsTableLoader.Request.fromFolder(tables));
        return new Scrubber(rules, cms.applyTo(reference), cms);
    }

    /** Enabled edits that no case raised as expected. */
    public List<EditDefinition> untested(List<CaseResult> results) {
        Set<String> raised = new HashSet<>();
        results.forEach(r -> raised.addAll(r.raised()));
        Set<EditDefinition> disabled = new HashSet<>(rules.catalog().disabledEdits());
        return rules.edits().stream().filter(e -> !disabled.contains(e) && !raised.contains(e.editId())).toList();
    }

    public CaseResult run(RuleTestCase testCase) {
        return run(testCase, scrubber);
    }

    private CaseResult run(RuleTestCase testCase, Scrubber scrubber) {
        List<String> problems = new ArrayList<>(testCase.problems());
        testCase.expected().forEach((line, tokens) -> tokens.stream().filter(t -> !knownTokens.contains(t))
                .forEach(t -> problems.add(line + ": '" + t + "' is neither an edit id of these rules nor a category")));
        List<Finding> findings = scrubber.scrub(testCase.lines());
        Map<LineKey, List<Finding>> byLine = new LinkedHashMap<>();
        for (Finding f : findings) {
            byLine.computeIfAbsent(new LineKey(f.line().claimId(), f.line().lineNumber()), k -> new ArrayList<>())
                    .add(f);
        }
        List<Missing> missing = new ArrayList<>();
        List<Unexpected> unexpected = new ArrayList<>();
        Set<String> raised = new HashSet<>();
        Set<LineKey> allLines = new LinkedHashSet<>(testCase.expected().keySet());
        allLines.addAll(byLine.keySet());
        for (LineKey line : allLines) {
            List<Finding> open = new ArrayList<>(byLine.getOrDefault(line, List.of()));
            // Edit ids first, so a category token never takes the finding an edit id token names.
            List<String> tokens = new ArrayList<>(testCase.expected().getOrDefault(line, List.of()));
            tokens.sort(Comparator.comparing(t -> isCategory(t) ? 1 : 0));
            for (String token : tokens) {
                Finding match = open.stream().filter(f -> f.edit().editId().equals(token)).findFirst()
                        .or(() -> open.stream().filter(f -> f.category().name().equals(token)).findFirst())
                        .orElse(null);
                if (match == null) {
                    missing.add(new Missing(line, token));
                } else {
                    open.remove(match);
                    raised.add(match.edit().editId());
                }
            }
            open.forEach(f -> unexpected.add(new Unexpected(line, f)));
        }
        return new CaseResult(testCase.name(), testCase.lines().size(), findings.size(), problems, missing,
                unexpected, raised);
    }

    private static boolean isCategory(String token) {
        for (Category c : Category.values()) {
            if (c.name().equals(token)) {
                return true;
            }
        }
        return false;
    }
}
