package org.claimscrub.authoring;

import org.claimscrub.engine.DrlRules;
import org.claimscrub.engine.FindingCollector;
import org.claimscrub.engine.MessageTemplate;
import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.RuleProblem;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@code claimscrub rules validate} checks, all problems of every file in one pass: the compiler's
 * errors and warnings, and rule metadata read from the DRL text (so a file that does not compile still has its
 * metadata, edit ids and placeholders checked), then what the compiler cannot see: a family's primary written
 * anywhere but its {@code primaryOf} function, message placeholders
 * no rule fills, rules that never raise a finding, rule files without the header citing sources and
 * effective dates, reference tables that do not load, and an overrides.csv that names unknown edits.
 */
public final class RuleValidator {
    /** findings.raise( or findings.raiseUnlessSaid(: the calls that report a finding. */
    private static final Pattern RAISE_CALL = Pattern.compile("findings\\.raise(UnlessSaid)?\\(");

    /** A name passed to findings.raise: a string literal followed by its value. */
    private static final Pattern RAISED_NAME = Pattern.compile("\"(\\w+)\"\\s*,");
    /** The primary a family rule's name gives: "0856T without 88348", "0856T units over 88348", "0856T with 88348". */
    private static final Pattern NAMED_PRIMARY = Pattern.compile("^\\w+ (?:without|units over|with) (\\w+)\\b");
    /** A procedure code written as a string literal. */
    private static final Pattern CODE_LITERAL = Pattern.compile("\"(\\d{4}[0-9A-Z])\"");
    private static final Pattern PRIMARY_CALL = Pattern.compile(DrlRules.PRIMARY_FUNCTION_PREFIX + "(\\w+)\\s*\\(");
    private static final Pattern LOCATION = Pattern.compile("^(.+?) line (\\d+)(?:, )?(.*)$");

    /**
     * @param ruleBase the compiled rules, empty when they do not compile
     * @param disabled edits whose rule carries {@code @disabled}, with the reason
     */
    public record Result(List<RuleProblem> problems, Optional<RuleBase> ruleBase,
                         Map<EditDefinition, String> disabled) {

        public boolean clean() {
            return problems.isEmpty();
        }

        public long errors() {
            return problems.stream().filter(RuleProblem::isError).count();
        }
    }

    private final RuleLoader loader;

    public RuleValidator() {
        this(new RuleLoader());
    }

    /** A validator that compiles (or loads from a cache) with this loader. */
    public RuleValidator(RuleLoader loader) {
        this.loader = loader;
    }

    public Result validate(Path folder) throws IOException {
        // A set: the text-based metadata checks and the loader's make the same problem at the same place.
        Set<RuleProblem> problems = new LinkedHashSet<>();
        RuleLoader.DeclaredEdits declared = RuleLoader.declaredEdits(folder);
        problems.addAll(declared.problems());
        RuleBase ruleBase = null;
        try {
            ruleBase = loader.load(folder);
            problems.addAll(ruleBase.warnings());
        } catch (RuleCompilationException e) {
            problems.addAll(e.problems());
        }
        List<RuleProblem> found = new ArrayList<>(problems);
        Set<String> filesWithRules = new LinkedHashSet<>();
        for (EditDefinition edit : declared.edits()) {
            filesWithRules.add(edit.ruleFile());
            checkRaise(folder, edit, found);
        }
        for (String file : filesWithRules) {
            checkHeader(folder.resolve(file), found);
            checkPrimaries(folder.resolve(file), found);
        }
        checkOverrides(folder.resolve(Overrides.DEFAULT_FILE), declared.edits(), found);
        checkReference(folder.resolve("reference"), found);
        found = new ArrayList<>(new LinkedHashSet<>(found));
        found.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparingInt(RuleProblem::column));
        return new Result(List.copyOf(found), Optional.ofNullable(ruleBase), declared.disabled());
    }

    /**
     * In a family file, each add-on's primary is written once, in its {@code primaryOf<addon>()} function: the
     * add-on's rules call it rather than repeat the code, call no other add-on's function, and their names
     * (which reports show) name that primary. So a change of primary made in one place only is caught here.
     */
    private static void checkPrimaries(Path file, List<RuleProblem> problems) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, DrlRules.Primary> declared = new HashMap<>();
        for (DrlRules.Primary p : DrlRules.primaries(lines)) {
            declared.putIfAbsent(p.addon(), p);
        }
        if (declared.isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, String> rule : DrlRules.ruleDeclarations(lines).entrySet()) {
            String name = rule.getValue();
            String addon = name.split(" ", 2)[0];
            DrlRules.Primary primary = declared.get(addon);
            int at = rule.getKey();
            Matcher named = NAMED_PRIMARY.matcher(name);
            if (primary != null && named.find() && !named.group(1).equals(primary.primary())) {
                problems.add(new RuleProblem(RuleProblem.Level.ERROR, file.toString(), at,
                        lines.get(at - 1).indexOf(name) + named.start(1) + 1, "rule \"" + name + "\" names "
                        + named.group(1) + ", but " + primary.function() + "() at line " + primary.line()
                        + " says the primary of " + addon + " is " + primary.primary() + ": rename the rule (reports"
                        + " show its name), or correct the function"));
            }
            for (int i = at; i < lines.size() && !lines.get(i).strip().equals("end"); i++) {
                String text = lines.get(i);
                if (text.strip().startsWith("@")) {
                    continue;
                }
                Matcher literal = CODE_LITERAL.matcher(text);
                while (primary != null && literal.find()) {
                    if (!literal.group(1).equals(addon)) {
                        problems.add(new RuleProblem(RuleProblem.Level.ERROR, file.toString(), i + 1,
                                literal.start() + 1, "rule \"" + name + "\": write " + primary.function()
                                + "() instead of \"" + literal.group(1) + "\": the primary of " + addon
                                + " is written once, at line " + primary.line() + ", so that a change of primary"
                                + " cannot miss a place"));
                    }
                }
                Matcher call = PRIMARY_CALL.matcher(text);
                while (call.find()) {
                    if (!call.group(1).equals(addon)) {
                        problems.add(new RuleProblem(RuleProblem.Level.ERROR, file.toString(), i + 1,
                                call.start() + 1, "rule \"" + name + "\" is about " + addon + " but calls "
                                + DrlRules.PRIMARY_FUNCTION_PREFIX + call.group(1) + "(), the primary of "
                                + call.group(1) + "; call " + DrlRules.PRIMARY_FUNCTION_PREFIX + addon + "()"));
                    }
                }
            }
        }
    }

    /** The rule raises its finding and passes every placeholder of its message that is not standard. */
    private static void checkRaise(Path folder, EditDefinition edit, List<RuleProblem> problems) throws IOException {
        Path file = folder.resolve(edit.ruleFile());
        List<String> lines = Files.readAllLines(file);
        Optional<DrlRules.RuleText> text = DrlRules.rule(lines, edit.ruleName());
        if (text.isEmpty()) {
            return;
        }
        int at = text.get().declarationLine();
        String consequence = String.join("\n", text.get().consequence());
        if (!RAISE_CALL.matcher(consequence).find()) {
            problems.add(new RuleProblem(RuleProblem.Level.WARNING, file.toString(), at, 1, "rule \""
                    + edit.ruleName() + "\" never calls findings.raise(kcontext, $line, ...): it can fire but"
                    + " reports nothing"));
            return;
        }
        Set<String> passed = new LinkedHashSet<>(FindingCollector.STANDARD_VALUES);
        Matcher m = RAISED_NAME.matcher(consequence);
        while (m.find()) {
            passed.add(m.group(1));
        }
        for (String name : MessageTemplate.placeholders(edit.messageTemplate())) {
            if (!passed.contains(name)) {
                problems.add(new RuleProblem(RuleProblem.Level.ERROR, file.toString(), at, 1, "rule \""
                        + edit.ruleName() + "\": its message uses {" + name + "} but findings.raise never passes \""
                        + name + "\", so the report would show {" + name + "} literally. Pass \"" + name
                        + "\", value to findings.raise, or reword the @message (standard names: "
                        + FindingCollector.STANDARD_VALUES.stream().sorted().toList() + ")"));
            }
        }
    }

    /** A rule file opens with a comment saying what it enforces, the sources it rests on and when. */
    private static void checkHeader(Path file, List<RuleProblem> problems) throws IOException {
        DrlRules.Header header = DrlRules.header(Files.readAllLines(file));
        if (!header.present()) {
            problems.add(new RuleProblem(RuleProblem.Level.WARNING, file.toString(), 1, 1, "the file has no header"
                    + " comment: open it with /* ... */ saying what the rules enforce, with 'Sources:' and"
                    + " 'Effective:' lines"));
            return;
        }
        if (header.sources().isEmpty()) {
            problems.add(new RuleProblem(RuleProblem.Level.WARNING, file.toString(), 1, 1,
                    "the header comment has no 'Sources:' line citing what the rules rest on"));
        }
        if (header.effective().isEmpty()) {
            problems.add(new RuleProblem(RuleProblem.Level.WARNING, file.toString(), 1, 1,
                    "the header comment has no 'Effective:' line giving the dates the rules apply"));
        }
    }

    private static void checkOverrides(Path file, List<EditDefinition> edits, List<RuleProblem> problems) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            Overrides.load(file, edits);
        } catch (OverridesException e) {
            problems.add(located(e.getMessage(), file));
        }
    }

    /** A problem from a "file line N, field x: message" text. */
    private static RuleProblem located(String message, Path fallback) {
        Matcher m = LOCATION.matcher(message);
        return m.matches()
                ? new RuleProblem(RuleProblem.Level.ERROR, m.group(1), Integer.parseInt(m.group(2)), 0,
                        m.group(3).isEmpty() ? "problem" : m.group(3))
                : new RuleProblem(RuleProblem.Level.ERROR, fallback.toString(), 0, 0, message);
    }

    private static void checkReference(Path folder, List<RuleProblem> problems) {
        try {
            new ReferenceDataLoader().load(folder);
        } catch (ReferenceDataException e) {
            problems.add(located(e.getMessage(), folder));
        }
    }
}
