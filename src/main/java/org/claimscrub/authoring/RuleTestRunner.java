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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs rule test cases ({@link RuleTestCase}) against a rule base. A case is about the edits its {@code expect}
 * column names (edit ids, or categories for any edit of theirs): on every line, the findings of those edits must
 * be exactly the ones listed there; findings of other edits are not its business, except on a line marked
 * {@code exact}, and in a case that names no edit at all (every line {@code none}: nothing may fire). An
 * expectation of a disabled rule's edit is set aside, and a case whose every named edit is disabled is skipped,
 * not failed. Across all cases, every enabled rule must fire (as expected) in at least one case, so a new rule
 * cannot slip in untested.
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
     * @param raised   the edit ids raised as expected, for coverage
     * @param setAside expectations not checked because they name a disabled rule's edit
     * @param skipped  why the case was not run (every edit it names is disabled), empty when it ran
     */
    public record CaseResult(String name, int lines, int findings, List<String> problems, List<Missing> missing,
                             List<Unexpected> unexpected, Set<String> raised, Set<String> setAside,
                             Optional<String> skipped) {
        public boolean passed() {
            return problems.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
        }

        public boolean isSkipped() {
            return skipped.isPresent();
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

        public List<CaseResult> skippedCases() {
            return cases.stream().filter(CaseResult::isSkipped).toList();
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
            results.add(run(file, name(testsFolder, file)));
        }
        return new SuiteResult(results, untested(results));
    }

    /** The case's name: its path under the tests folder, with forward slashes. */
    public static String name(Path testsFolder, Path file) {
        return testsFolder.relativize(file).toString().replace('\\', '/');
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
        Set<String> named = new LinkedHashSet<>();
        testCase.expected().values().forEach(named::addAll);
        Set<String> setAside = new TreeSet<>();
        named.stream().filter(this::disabled).forEach(setAside::add);
        Set<String> about = new HashSet<>(named);
        about.removeAll(setAside);
        if (!named.isEmpty() && about.isEmpty() && problems.isEmpty()) {
            return new CaseResult(testCase.name(), testCase.lines().size(), 0, problems, List.of(), List.of(),
                    Set.of(), setAside, Optional.of("every edit it names is disabled: " + String.join(" ", setAside)));
        }
        // A case that names no edit (every line "none") says that nothing fires on its lines.
        boolean everything = named.isEmpty();
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
            boolean exact = everything || testCase.exact().contains(line);
            List<Finding> open = new ArrayList<>(byLine.getOrDefault(line, List.of()).stream()
                    .filter(f -> exact || about.contains(f.edit().editId()) || about.contains(f.category().name()))
                    .toList());
            // Edit ids first, so a category token never takes the finding an edit id token names.
            List<String> tokens = new ArrayList<>(testCase.expected().getOrDefault(line, List.of()));
            tokens.removeAll(setAside);
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
                unexpected, raised, setAside, Optional.empty());
    }

    /** An edit id of a disabled rule, or a category whose every rule is disabled. */
    private boolean disabled(String token) {
        List<EditDefinition> edits = rules.edits().stream()
                .filter(e -> e.editId().equals(token) || e.category().name().equals(token)).toList();
        return !edits.isEmpty() && rules.catalog().disabledEdits().containsAll(edits);
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
