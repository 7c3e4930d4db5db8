package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Severity;
import org.drools.base.definitions.rule.impl.RuleImpl;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles every {@code .drl} file under a rules folder into one {@link RuleBase}, at run time, so a rule
 * change needs no rebuild. Compiler messages are mapped back to the file on disk. Beyond compiling, every
 * rule must declare its edit: {@code @editId} and {@code @category}, with optional {@code @severity},
 * {@code @message} and {@code @source} overriding the category's defaults.
 */
public final class RuleLoader {
    public static final String EDIT_ID = "editId";
    public static final String CATEGORY = "category";
    public static final String SEVERITY = "severity";
    public static final String MESSAGE = "message";
    public static final String SOURCE = "source";

    private static final String RESOURCES = "src/main/resources/";
    private static final String VIRTUAL_FOLDER = "claimscrub/";
    private static final Pattern COMPILER_LOCATION = Pattern.compile("^\\s*\\[?\\d+,\\d+\\]?:?\\s*");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices kie = KieServices.get();

    public RuleBase load(Path folder) throws RuleCompilationException, IOException {
        List<Path> files = drlFiles(folder);
        if (files.isEmpty()) {
            throw new RuleCompilationException(List.of(new RuleProblem(RuleProblem.Level.ERROR,
                    folder.toString(), 0, 0, "no .drl rule files found in this folder")));
        }
        RuleFiles ruleFiles = new RuleFiles(folder);
        KieFileSystem kfs = kie.newKieFileSystem();
        ReleaseId releaseId = kie.newReleaseId("org.claimscrub", "rules", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        for (Path file : files) {
            kfs.write(RESOURCES + VIRTUAL_FOLDER + ruleFiles.relative(file), Files.readAllBytes(file));
        }
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(problem(RuleProblem.Level.ERROR, m, ruleFiles));
        }
        try {
            if (!problems.isEmpty()) {
                throw new RuleCompilationException(problems);
            }
            KieBase kieBase = kie.newKieContainer(releaseId).getKieBase();
            EditCatalog catalog = catalog(kieBase, ruleFiles, problems);
            if (!problems.isEmpty()) {
                throw new RuleCompilationException(problems);
            }
            return new RuleBase(kieBase, catalog, files);
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    private static List<Path> drlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": rules folder not found");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static RuleProblem problem(RuleProblem.Level level, Message m, RuleFiles ruleFiles) {
        String where = ruleFiles.onDisk(m.getPath()).toString();
        String text = COMPILER_LOCATION.matcher(m.getText().strip()).replaceFirst("");
        return new RuleProblem(level, where, m.getLine(), m.getColumn(), text.replaceAll("\\s*\\R\\s*", " "));
    }

    private static EditCatalog catalog(KieBase kieBase, RuleFiles ruleFiles, List<RuleProblem> problems)
            throws IOException {
        Map<String, EditDefinition> byRule = new HashMap<>();
        Map<String, String> ruleByEditId = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String virtualPath = ((RuleImpl) rule).getResource().getSourcePath();
                RuleSite site = new RuleSite(ruleFiles.onDisk(virtualPath), ruleFiles.relative(virtualPath),
                        rule.getName());
                EditDefinition edit = edit(rule, site, problems);
                if (edit == null) {
                    continue;
                }
                String previous = ruleByEditId.putIfAbsent(edit.editId(), rule.getName());
                if (previous != null) {
                    problems.add(site.error("edit id " + edit.editId() + " is already used by rule \"" + previous
                            + "\"; edit ids are never shared or reused"));
                }
                byRule.put(EditCatalog.key(pkg.getName(), rule.getName()), edit);
            }
        }
        return new EditCatalog(byRule);
    }

    private static EditDefinition edit(Rule rule, RuleSite site, List<RuleProblem> problems) throws IOException {
        Map<String, Object> meta = rule.getMetaData();
        String editId = text(meta, EDIT_ID);
        String categoryName = text(meta, CATEGORY);
        if (editId.isEmpty() || categoryName.isEmpty()) {
            problems.add(site.error("rule needs @" + EDIT_ID + "(\"...\") and @" + CATEGORY + "(\"...\") metadata"));
            return null;
        }
        Category category;
        try {
            category = Category.valueOf(categoryName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(site.error("unknown @category \"" + categoryName + "\"; known: "
                    + List.of(Category.values())));
            return null;
        }
        Severity severity = category.defaultSeverity();
        String severityName = text(meta, SEVERITY);
        if (!severityName.isEmpty()) {
            try {
                severity = Severity.valueOf(severityName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(site.error("unknown @severity \"" + severityName + "\"; known: "
                        + List.of(Severity.values())));
                return null;
            }
        }
        String message = text(meta, MESSAGE);
        String source = text(meta, SOURCE);
        return new EditDefinition(editId, category, severity,
                message.isEmpty() ? category.defaultMessage() : message,
                source.isEmpty() ? category.defaultSource() : source,
                rule.getName(), site.relativePath());
    }

    private static String text(Map<String, Object> meta, String key) {
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

        RuleProblem error(String message) throws IOException {
            return new RuleProblem(RuleProblem.Level.ERROR, file.toString(), line(), 0,
                    "rule \"" + ruleName + "\": " + message);
        }

        private int line() throws IOException {
            if (!Files.isRegularFile(file)) {
                return 0;
            }
            Pattern declaration = Pattern.compile("^\\s*rule\\s+\"?" + Pattern.quote(ruleName) + "\"?(\\s|$)");
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = declaration.matcher(lines.get(i));
                if (m.find()) {
                    return i + 1;
                }
            }
            return 0;
        }
    }
}
