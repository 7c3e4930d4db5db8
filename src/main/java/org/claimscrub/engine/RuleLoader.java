package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Severity;
import org.claimscrub.reference.CodeReference;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles every {@code .drl} file under a rules folder into one {@link RuleBase}, at run time, so a rule
 * change needs no rebuild. Compiler messages are mapped back to the file on disk. Beyond compiling, every
 * rule must declare its edit: {@code @editId} and {@code @category}, with optional {@code @severity},
 * {@code @message} and {@code @source} overriding the category's defaults; any other metadata name is an error
 * (a typo would otherwise change an edit silently). A rule marked {@code @disabled("reason")} stays in the
 * catalog but is removed from the KieBase. Every problem found is reported at once, located by line and
 * column where the compiler's text or the file allows; compiler warnings travel with the RuleBase. Given a
 * {@link CompiledRulesCache}, it loads what an earlier run compiled from the same inputs instead of compiling,
 * and makes the same metadata checks of it.
 */
public final class RuleLoader {
    public static final String EDIT_ID = "editId";
    public static final String CATEGORY = "category";
    public static final String SEVERITY = "severity";
    public static final String MESSAGE = "message";
    public static final String SOURCE = "source";
    /** {@code @disabled("reason")}: the rule stays in the catalog but never fires. */
    public static final String DISABLED = "disabled";
    public static final Set<String> METADATA_KEYS = Set.of(EDIT_ID, CATEGORY, SEVERITY, MESSAGE, SOURCE, DISABLED);

    private static final String RESOURCES = "src/main/resources/";
    private static final String VIRTUAL_FOLDER = "claimscrub/";
    private static final Pattern COMPILER_LOCATION = Pattern.compile("^\\s*\\[?\\d+,\\d+\\]?:?\\s*");
    /** The parser's own position, "[ERR 102] Line 26:42 mismatched input": its column is 0-based. */
    private static final Pattern PARSER_POSITION = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");
    /** Texts the compiler quotes from the rule, to be found in the file for a column (and the real line). */
    private static final List<Pattern> QUOTED_SOURCE = List.of(
            Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\R"),
            Pattern.compile("The method (\\w+\\()"),
            Pattern.compile("(\\w+) cannot be resolved"));
    /** MVEL's echo of the expression, its caret and its own (expression-relative) position. */
    private static final Pattern MVEL_NOISE =
            Pattern.compile("\\[Near : \\{.*?}]|(?m)^\\s*\\^\\s*$|\\[Line: \\d+, Column: \\d+]");
    /** The parser meeting a keyword while a condition is still open. */
    private static final Pattern UNCLOSED_HINT = Pattern.compile("mismatched input '(then|end|not|exists)'");
    /** Two rules of one name; the compiler echoes it once per rule as a clash of generated classes. */
    private static final String DUPLICATE_RULE = "Duplicate rule name";
    private static final Pattern DUPLICATE_RULE_CLASS = Pattern.compile("The type Rule_\\w+ is already defined");
    /** Said of a file whose parse failed; the parse error itself says more. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    /** How compiler messages name a rule. */
    private static final Pattern RULE_NAMED = Pattern.compile("[Rr]ule \"([^\"]+)\"|Rule name='([^']+)'");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final CompiledRulesCache cache;

    /** A loader that compiles every time. */
    public RuleLoader() {
        this(CompiledRulesCache.off());
    }

    /** A loader that keeps what it compiles in the cache, and loads it from there while nothing changed. */
    public RuleLoader(CompiledRulesCache cache) {
        this.cache = cache;
    }

    public RuleBase load(Path folder) throws RuleCompilationException, IOException {
        CompiledRulesCache.Ahead ahead = cache.enabled() ? cache.ahead(folder) : null;
        List<Path> files = drlFiles(folder);
        if (files.isEmpty()) {
            throw new RuleCompilationException(List.of(new RuleProblem(RuleProblem.Level.ERROR,
                    folder.toString(), 0, 0, "no .drl rule files found in this folder")));
        }
        RuleFiles ruleFiles = new RuleFiles(folder);
        Map<Path, byte[]> sources = new LinkedHashMap<>();
        for (Path file : files) {
            sources.put(file, Files.readAllBytes(file));
        }
        CompiledRulesCache.Key key = cache.enabled() ? cache.key(folder, sources) : null;
        Optional<CompiledRulesCache.Entry> cached = cache.enabled() ? cache.read(key, folder, ahead) : Optional.empty();
        if (cached.isPresent()) {
            List<RuleProblem> problems = new ArrayList<>(cached.get().warnings());
            return checked(cached.get().kieBase(), ruleFiles, files, problems, RuleBase.Origin.CACHE, null);
        }
        KieServices kie = KieServices.get();  // only a compile needs the KIE services: a cold start saves it
        KieFileSystem kfs = kie.newKieFileSystem();
        ReleaseId releaseId = kie.newReleaseId("org.claimscrub", "rules", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        sources.forEach((file, bytes) -> kfs.write(RESOURCES + VIRTUAL_FOLDER + ruleFiles.relative(file), bytes));
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        List<RuleProblem> problems = compilerMessages(builder, ruleFiles);
        List<RuleProblem> errors = problems.stream().filter(RuleProblem::isError).toList();
        try {
            if (!errors.isEmpty()) {
                throw new RuleCompilationException(problems);
            }
            KieBase kieBase = kie.newKieContainer(releaseId).getKieBase();
            List<RuleProblem> warnings = List.copyOf(problems);
            return checked(kieBase, ruleFiles, files, problems, RuleBase.Origin.COMPILED,
                    () -> cache.write(key, kieBase.getKiePackages(), warnings, folder));
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * The rule base once every rule declares its edit, compiled or loaded alike; {@code store} (when given) runs
     * on a clean rule base before disabled rules leave it, so that the cache keeps them for the catalog.
     */
    private static RuleBase checked(KieBase kieBase, RuleFiles ruleFiles, List<Path> files, List<RuleProblem> problems,
                                    RuleBase.Origin origin, Runnable store)
            throws RuleCompilationException, IOException {
        EditCatalog catalog = catalog(kieBase, ruleFiles, problems);
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            throw new RuleCompilationException(problems);
        }
        if (store != null) {
            store.run();
        }
        for (EditDefinition edit : catalog.disabledEdits()) {
            kieBase.removeRule(catalog.packageOf(edit), edit.ruleName());
        }
        return new RuleBase(kieBase, catalog, files, List.copyOf(problems), origin);
    }

    /** Errors and warnings, minus the parser's "null Package" echo of a file that already has a real error. */
    private static List<RuleProblem> compilerMessages(KieBuilder builder, RuleFiles ruleFiles) throws IOException {
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR, Message.Level.WARNING)) {
            RuleProblem.Level level = m.getLevel() == Message.Level.ERROR
                    ? RuleProblem.Level.ERROR : RuleProblem.Level.WARNING;
            problems.add(problem(level, m, ruleFiles));
        }
        Set<String> filesWithRealErrors = new HashSet<>();
        for (RuleProblem p : problems) {
            if (p.isError() && !p.message().startsWith(NULL_PACKAGE)) {
                filesWithRealErrors.add(p.file());
            }
        }
        problems.removeIf(p -> p.message().startsWith(NULL_PACKAGE) && filesWithRealErrors.contains(p.file()));
        if (problems.stream().anyMatch(p -> p.message().startsWith(DUPLICATE_RULE))) {
            problems.removeIf(p -> DUPLICATE_RULE_CLASS.matcher(p.message()).find());
        }
        return problems;
    }

    private static List<Path> drlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": rules folder not found");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static RuleProblem problem(RuleProblem.Level level, Message m, RuleFiles ruleFiles) throws IOException {
        Path file = ruleFiles.onDisk(m.getPath());
        String raw = m.getText().strip();
        String text = MVEL_NOISE.matcher(COMPILER_LOCATION.matcher(raw).replaceFirst("")).replaceAll("")
                .replaceAll("\\[Error: (.*?)]", "$1").replaceAll("\\s*\\R\\s*", " ").strip();
        int line = m.getLine();
        int column = m.getColumn();
        Matcher position = PARSER_POSITION.matcher(raw);
        if (position.find()) {
            line = Integer.parseInt(position.group(1));
            column = Integer.parseInt(position.group(2)) + 1;
        } else {
            // A condition the compiler cannot analyse comes without a line (-1): search the whole file.
            int[] found = locateQuotedSource(raw, file, Math.max(line, 1), line < 1);
            if (found == null && line < 1) {
                found = locateRule(raw, file);
            }
            if (found != null) {
                line = found[0];
                column = found[1];
            }
        }
        if (column == 0 && line > 0 && Files.isRegularFile(file)) {
            column = firstColumn(file, line);
        }
        if (UNCLOSED_HINT.matcher(text).find()) {
            text += " (often an unclosed '(' or a missing ')' on a line above)";
        }
        return new RuleProblem(level, file.toString(), line, column, text);
    }

    /** The 1-based column of the first non-blank character of a line, or 0 past the end of the file. */
    private static int firstColumn(Path file, int line) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (line > lines.size()) {
            return 0;
        }
        String text = lines.get(line - 1);
        return text.length() - text.stripLeading().length() + 1;
    }

    /**
     * The line and 1-based column of the text a compiler message quotes, searched from the reported line (the
     * rule's first line for consequence errors) to the rule's end; null when not found.
     */
    private static int[] locateQuotedSource(String text, Path file, int fromLine, boolean wholeFile)
            throws IOException {
        if (fromLine < 1 || !Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        for (Pattern quoted : QUOTED_SOURCE) {
            Matcher m = quoted.matcher(text);
            if (!m.find()) {
                continue;
            }
            String needle = m.group(1).strip();
            for (int i = fromLine - 1; i < lines.size(); i++) {
                int at = lines.get(i).indexOf(needle);
                if (at >= 0) {
                    return new int[] {i + 1, at + 1};
                }
                if (!wholeFile && i > fromLine - 1 && lines.get(i).strip().equals("end")) {
                    break;
                }
            }
        }
        return null;
    }

    /** The declaration of the rule a message names ({@code rule "x"} or {@code Rule name='x'}), or null. */
    private static int[] locateRule(String text, Path file) throws IOException {
        Matcher m = RULE_NAMED.matcher(text);
        if (!m.find() || !Files.isRegularFile(file)) {
            return null;
        }
        int line = DrlRules.declarationLine(Files.readAllLines(file), m.group(1) != null ? m.group(1) : m.group(2));
        return line > 0 ? new int[] {line, 1} : null;
    }

    private static EditCatalog catalog(KieBase kieBase, RuleFiles ruleFiles, List<RuleProblem> problems)
            throws IOException {
        List<Declared> declared = new ArrayList<>();
        Map<Path, List<String>> texts = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String virtualPath = ((RuleImpl) rule).getResource().getSourcePath();
                RuleSite site = new RuleSite(ruleFiles.onDisk(virtualPath), ruleFiles.relative(virtualPath),
                        rule.getName());
                if (matches(((RuleImpl) rule).getLhs(), CodeReference.class)) {
                    problems.add(site.error("rule ", "rule matches CodeReference facts, which the engine no longer"
                            + " puts in working memory, so it would never fire: test the line's own row instead,"
                            + " e.g. ServiceLine( codeRow.pcTc != null, ... )"));
                }
                List<String> text = texts.computeIfAbsent(site.file(), RuleLoader::linesOrNone);
                declared.add(new Declared(site, DrlRules.declarationLine(text, rule.getName()), rule.getMetaData(),
                        EditCatalog.key(pkg.getName(), rule.getName())));
            }
        }
        Map<String, EditDefinition> byRule = new HashMap<>();
        Map<String, String> disabled = new HashMap<>();
        edits(declared, problems, byRule, disabled);
        return new EditCatalog(byRule, disabled);
    }

    /**
     * The edits every {@code .drl} file under the folder declares, read from the DRL text with the same checks
     * {@link #load} makes of compiled metadata (so the problems are the same ones, at the same places): what
     * {@code rules validate} reports for files that do not compile, where the compiler says nothing of metadata.
     *
     * @param disabled edit to the reason its {@code @disabled} gives
     */
    public record DeclaredEdits(List<EditDefinition> edits, Map<EditDefinition, String> disabled,
                                List<RuleProblem> problems) {
    }

    public static DeclaredEdits declaredEdits(Path folder) throws IOException {
        RuleFiles ruleFiles = new RuleFiles(folder);
        List<Declared> declared = new ArrayList<>();
        for (Path file : drlFiles(folder)) {
            for (DrlRules.RuleMetadata rule : DrlRules.metadata(Files.readAllLines(file))) {
                RuleSite site = new RuleSite(file, ruleFiles.relative(file), rule.ruleName());
                declared.add(new Declared(site, rule.line(), rule.metadata(),
                        ruleFiles.relative(file) + '/' + rule.ruleName()));
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, EditDefinition> byRule = new HashMap<>();
        Map<String, String> disabled = new HashMap<>();
        edits(declared, problems, byRule, disabled);
        Map<EditDefinition, String> disabledEdits = new HashMap<>();
        disabled.forEach((key, reason) -> disabledEdits.put(byRule.get(key), reason));
        return new DeclaredEdits(byRule.values().stream().sorted(Comparator.comparing(
                EditDefinition::ruleFile).thenComparing(EditDefinition::editId)).toList(),
                Map.copyOf(disabledEdits), List.copyOf(problems));
    }

    /** A rule and its metadata, compiled or as written; {@code key} names it in the catalog. */
    private record Declared(RuleSite site, int line, Map<String, ?> metadata, String key) {
    }

    /**
     * Checks every rule's metadata and that no edit id is used twice, in file and line order, so that the
     * second use is the one reported whichever way the rules were read.
     */
    private static void edits(List<Declared> declared, List<RuleProblem> problems,
                              Map<String, EditDefinition> byRule, Map<String, String> disabled) throws IOException {
        List<Declared> ordered = new ArrayList<>(declared);
        ordered.sort(Comparator.comparing((Declared d) -> d.site().relativePath())
                .thenComparingInt(Declared::line));
        Map<String, String> ruleByEditId = new HashMap<>();
        for (Declared rule : ordered) {
            EditDefinition edit = edit(rule.metadata(), rule.site(), problems);
            if (edit == null) {
                continue;
            }
            String previous = ruleByEditId.putIfAbsent(edit.editId(), edit.ruleName());
            if (previous != null) {
                problems.add(rule.site().error("@" + EDIT_ID, "edit id " + edit.editId() + " is already used by rule \""
                        + previous + "\"; edit ids are never shared or reused"));
            }
            byRule.put(rule.key(), edit);
            if (rule.metadata().containsKey(DISABLED)) {
                String reason = text(rule.metadata(), DISABLED);
                disabled.put(rule.key(), reason.isEmpty() ? "no reason given" : reason);
            }
        }
    }

    private static List<String> linesOrNone(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether some pattern of the condition, however nested (not, exists, or, from), matches the type. */
    private static boolean matches(RuleConditionElement condition, Class<?> type) {
        if (condition instanceof org.drools.base.rule.Pattern pattern
                && pattern.getObjectType().getClassName().equals(type.getName())) {
            return true;
        }
        for (RuleConditionElement nested : condition.getNestedElements()) {
            if (nested != null && matches(nested, type)) {
                return true;
            }
        }
        return false;
    }

    /** The rule's edit, or null after adding every metadata problem the rule has. */
    private static EditDefinition edit(Map<String, ?> meta, RuleSite site, List<RuleProblem> problems)
            throws IOException {
        int before = problems.size();
        for (String key : meta.keySet()) {
            if (!METADATA_KEYS.contains(key)) {
                problems.add(site.error("@" + key, "unknown metadata @" + key + "; known: " + METADATA_KEYS.stream()
                        .sorted().map(k -> "@" + k).toList() + " (names are case-sensitive)"));
            }
        }
        String editId = text(meta, EDIT_ID);
        if (editId.isEmpty()) {
            problems.add(site.error("rule ", "rule needs an @" + EDIT_ID + "(\"...\"): a stable id, never reused"));
        }
        Category category = known(meta, CATEGORY, Category.class, site, problems);
        if (category == null && text(meta, CATEGORY).isEmpty()) {
            problems.add(site.error("rule ", "rule needs a @" + CATEGORY + "(\"...\"); known: "
                    + List.of(Category.values())));
        }
        Severity severity = known(meta, SEVERITY, Severity.class, site, problems);
        if (problems.size() > before) {
            return null;
        }
        String message = text(meta, MESSAGE);
        String source = text(meta, SOURCE);
        return new EditDefinition(editId, category, severity != null ? severity : category.defaultSeverity(),
                message.isEmpty() ? category.defaultMessage() : message,
                source.isEmpty() ? category.defaultSource() : source,
                site.ruleName(), site.relativePath());
    }

    /** The enum value a metadata key names, or null when absent (fine) or unknown (a problem). */
    private static <E extends Enum<E>> E known(Map<String, ?> meta, String key, Class<E> type, RuleSite site,
                                               List<RuleProblem> problems) throws IOException {
        String name = text(meta, key);
        if (name.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(site.error("@" + key, "unknown @" + key + " \"" + name + "\"; known: "
                    + List.of(type.getEnumConstants())));
            return null;
        }
    }

    private static String text(Map<String, ?> meta, String key) {
        Object value = meta.get(key);
        return value == null ? "" : value.toString().strip();
    }

    /**
     * Maps between a rule file on disk and its path inside the virtual KIE project; the path relative to the
     * rules folder is what reports show, so they read the same wherever the folder sits.
     */
    private record RuleFiles(Path folder) {

        String relative(Path file) {
            return folder.relativize(file).toString().replace('\\', '/');
        }

        /** The path relative to the rules folder, from a KIE path with or without the resources prefix. */
        String relative(String virtualPath) {
            String path = virtualPath.startsWith(RESOURCES) ? virtualPath.substring(RESOURCES.length()) : virtualPath;
            return path.startsWith(VIRTUAL_FOLDER) ? path.substring(VIRTUAL_FOLDER.length()) : path;
        }

        Path onDisk(String virtualPath) {
            return folder.resolve(relative(String.valueOf(virtualPath)));
        }
    }

    /** A rule's place in its file, for problems that the compiler does not see. */
    private record RuleSite(Path file, String relativePath, String ruleName) {

        /** A problem located at the first text {@code near} in the rule's block, else at the rule's first line. */
        RuleProblem error(String near, String message) throws IOException {
            int line = 0;
            int column = 0;
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                int first = DrlRules.declarationLine(lines, ruleName);
                if (first > 0) {
                    line = first;
                    column = 1;
                    for (int i = first - 1; i < lines.size() && !lines.get(i).strip().equals("when"); i++) {
                        int at = lines.get(i).indexOf(near);
                        if (at >= 0) {
                            line = i + 1;
                            column = at + 1;
                            break;
                        }
                    }
                }
            }
            return new RuleProblem(RuleProblem.Level.ERROR, file.toString(), line, column,
                    "rule \"" + ruleName + "\": " + message);
        }
    }
}
