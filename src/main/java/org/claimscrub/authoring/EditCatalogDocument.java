package org.claimscrub.authoring;

import org.claimscrub.engine.DrlRules;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Severity;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.ReferenceData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog of every edit, for auditors, generated from the loaded rules, the header comment of each rule
 * file and the reference tables, so it cannot drift from them: every count in it is counted here. It lists the
 * engine's own SYSTEM edit beside the rules' edits, each edit's source and effective dates (the file header's,
 * and the dates of the codes its conditions name), and an index by procedure code of the edits whose conditions
 * name the code. Rendered as Markdown and as standalone HTML; nothing in it depends on when or where it was
 * generated, so a committed copy can be checked for staleness.
 */
public final class EditCatalogDocument {
    public static final String MARKDOWN_FILE = "edit-catalog.md";
    public static final String HTML_FILE = "edit-catalog.html";

    /**
     * One edit as listed, with its rule's place in the file and why it is disabled, if it is.
     *
     * @param codes the procedure codes its conditions name (directly, or through a {@code primaryOf} function)
     * @param dates the effective dates of those codes, from reference/codes.csv; empty when none are tracked
     */
    public record Entry(EditDefinition edit, int line, Optional<String> disabledReason, List<String> codes,
                        String dates) {
    }

    /** Where the engine's own edit is listed: it is raised by no rule file. */
    static final String ENGINE_SECTION = "engine (raised by claimscrub itself)";
    private static final Pattern CODE_LITERAL = Pattern.compile("\"(\\d{4}[0-9A-Z])\"");

    /** One rule file: its header and its edits in file order. */
    public record Section(String file, DrlRules.Header header, List<Entry> entries) {
    }

    private final List<Section> sections;
    private final int edits;
    private final long disabled;

    /** Every .drl file loaded, those without edits (common.drl) included, as the scrub summary counts them. */
    private final int drlFiles;

    private EditCatalogDocument(List<Section> sections, int drlFiles) {
        this.sections = sections;
        this.drlFiles = drlFiles;
        this.edits = sections.stream().mapToInt(s -> s.entries().size()).sum();
        this.disabled = sections.stream().flatMap(s -> s.entries().stream())
                .filter(e -> e.disabledReason().isPresent()).count();
    }

    public static EditCatalogDocument of(Path rulesFolder, RuleBase rules, ReferenceData reference)
            throws IOException {
        Map<String, List<Entry>> byFile = new TreeMap<>();
        Map<String, List<String>> text = new TreeMap<>();
        for (EditDefinition edit : rules.edits()) {
            List<String> lines = text.computeIfAbsent(edit.ruleFile(), f -> read(rulesFolder.resolve(f)));
            List<String> codes = codesNamed(lines, edit.ruleName());
            byFile.computeIfAbsent(edit.ruleFile(), f -> new ArrayList<>()).add(new Entry(edit,
                    DrlRules.declarationLine(lines, edit.ruleName()), rules.catalog().disabledReason(edit), codes,
                    dates(codes, reference)));
        }
        List<Section> sections = new ArrayList<>();
        byFile.forEach((file, entries) -> {
            entries.sort(Comparator.comparingInt(Entry::line).thenComparing(e -> e.edit().editId()));
            sections.add(new Section(file, DrlRules.header(text.get(file)), List.copyOf(entries)));
        });
        EditDefinition system = Scrubber.RULE_FAILED;
        sections.add(new Section(ENGINE_SECTION, new DrlRules.Header(true, "Raised by the engine, never by a rule:"
                + " when a rule throws on a visit, this one finding stands for the visit's edits.",
                system.source(), "always"), List.of(new Entry(system, 0, Optional.empty(), List.of(), ""))));
        return new EditCatalogDocument(List.copyOf(sections), rules.files().size());
    }

    /** The codes a rule's conditions name: quoted codes, and primaries named through their primaryOf function. */
    private static List<String> codesNamed(List<String> lines, String ruleName) {
        Map<String, String> primaries = new TreeMap<>();
        DrlRules.primaries(lines).forEach(p -> primaries.put(p.function() + "(", p.primary()));
        Set<String> codes = new TreeSet<>();
        DrlRules.rule(lines, ruleName).ifPresent(rule -> rule.conditions().forEach(c -> {
            Matcher m = CODE_LITERAL.matcher(c);
            while (m.find()) {
                codes.add(m.group(1));
            }
            primaries.forEach((call, primary) -> {
                if (c.contains(call)) {
                    codes.add(primary);
                }
            });
        }));
        return List.copyOf(codes);
    }

    /** "0856T from 2024-01-01 until 2029-01-01" for each named code whose dates the reference tables track. */
    private static String dates(List<String> codes, ReferenceData reference) {
        List<String> dated = new ArrayList<>();
        for (String code : codes) {
            CodeReference row = reference.code(code);
            if (row != null && (row.effectiveDate() != null || row.sunsetDate() != null)) {
                dated.add(code + (row.effectiveDate() != null ? " from " + row.effectiveDate() : "")
                        + (row.sunsetDate() != null ? " until " + row.sunsetDate() : ""));
            }
        }
        return String.join("; ", dated);
    }

    /** Procedure code to the edits whose conditions name it, codes in order. */
    private Map<String, List<Entry>> byCode() {
        Map<String, List<Entry>> index = new TreeMap<>();
        sections.forEach(s -> s.entries().forEach(e -> e.codes().forEach(
                c -> index.computeIfAbsent(c, k -> new ArrayList<>()).add(e))));
        return index;
    }

    /** The enabled edits whose conditions name no code: they can fire on any code their conditions reach. */
    private List<Entry> anyCode() {
        return sections.stream().flatMap(s -> s.entries().stream())
                .filter(e -> e.codes().isEmpty() && e.disabledReason().isEmpty()).toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Section> sections() {
        return sections;
    }

    private Map<Category, Integer> countByCategory() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        sections.forEach(s -> s.entries().forEach(e -> counts.merge(e.edit().category(), 1, Integer::sum)));
        return counts;
    }

    private String intro() {
        return edits + " edits (" + disabled + " disabled): " + (edits - 1) + " from " + (sections.size() - 1)
                + " of the " + drlFiles + " .drl files, and the engine's own. Generated by `claimscrub rules catalog` from the rules"
                + " themselves (rule metadata, each file's header comment, the reference tables): do not edit by"
                + " hand; change the rules and regenerate.";
    }

    /** " (12)": the rule's line in its file; nothing for the engine's edit. */
    private static String at(Entry e) {
        return e.line() > 0 ? " (" + e.line() + ")" : "";
    }

    private static String effective(Entry e) {
        return e.dates().isEmpty() ? "as the file" : e.dates();
    }

    private static String status(Entry e) {
        return e.disabledReason().map(r -> "disabled: " + r).orElse("enabled");
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# claimscrub edit catalog\n\n").append(intro()).append("\n\n");
        md.append("## Severities\n\n| Severity | What it means |\n|---|---|\n");
        for (Severity sev : Severity.values()) {
            md.append("| ").append(sev).append(" | ").append(cell(sev.meaning())).append(" |\n");
        }
        md.append('\n');
        md.append("## Categories\n\n| Category | Default severity | Edits | Default source |\n|---|---|---|---|\n");
        countByCategory().forEach((c, n) -> md.append("| ").append(c.name()).append(" | ").append(c.defaultSeverity())
                .append(" | ").append(n).append(" | ").append(cell(c.defaultSource())).append(" |\n"));
        md.append("\n## Rule files\n\n");
        for (Section s : sections) {
            md.append("- [").append(s.file()).append("](#").append(anchor(s.file())).append("): ")
                    .append(s.entries().size()).append(" edits\n");
        }
        md.append("\n## Edits by procedure code\n\nThe edits whose conditions name the code. Besides these, every"
                + " line can get the edits that name no code (they test its reference row, modifiers, claim type or"
                + " a loaded CMS table): ").append(anyCode().stream().map(e -> e.edit().editId()).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("none")).append(".\n\n| Code | Edits |\n|---|---|\n");
        byCode().forEach((code, entries) -> md.append("| ").append(code).append(" | ").append(entries.stream()
                .map(e -> e.edit().editId() + (e.disabledReason().isPresent() ? " (disabled)" : ""))
                .reduce((a, b) -> a + ", " + b).orElse("")).append(" |\n"));
        for (Section s : sections) {
            md.append("\n## ").append(s.file()).append("\n\n");
            if (!s.header().summary().isEmpty()) {
                md.append(s.header().summary()).append("\n\n");
            }
            md.append("- **Sources:** ").append(orMissing(s.header().sources())).append('\n');
            md.append("- **Effective:** ").append(orMissing(s.header().effective())).append("\n\n");
            md.append("| Edit id | Rule (line) | Category | Severity | Status | Message | Source | Effective |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (Entry e : s.entries()) {
                EditDefinition d = e.edit();
                md.append("| ").append(cell(d.editId())).append(" | ").append(cell(d.ruleName()))
                        .append(at(e)).append(" | ").append(d.category()).append(" | ").append(d.severity())
                        .append(" | ").append(cell(status(e))).append(" | ").append(cell(d.messageTemplate()))
                        .append(" | ").append(cell(d.source())).append(" | ").append(cell(effective(e)))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>claimscrub edit catalog</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:110em}")
                .append("table{border-collapse:collapse;width:100%}")
                .append("th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}")
                .append("th{background:#eee}.disabled{color:#888}\n</style>\n</head>\n<body>\n");
        h.append("<h1>claimscrub edit catalog</h1>\n<p>").append(esc(intro()).replace("`", "")).append("</p>\n");
        h.append("<h2>Severities</h2>\n<table>\n<tr><th>Severity</th><th>What it means</th></tr>\n");
        for (Severity sev : Severity.values()) {
            h.append("<tr><td>").append(sev).append("</td><td>").append(esc(sev.meaning())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Categories</h2>\n<table>\n<tr><th>Category</th><th>Default severity</th><th>Edits</th>")
                .append("<th>Default source</th></tr>\n");
        countByCategory().forEach((c, n) -> h.append("<tr><td>").append(c.name()).append("</td><td>")
                .append(c.defaultSeverity()).append("</td><td>").append(n).append("</td><td>")
                .append(esc(c.defaultSource())).append("</td></tr>\n"));
        h.append("</table>\n<h2>Rule files</h2>\n<ul>\n");
        for (Section s : sections) {
            h.append("<li><a href=\"#").append(anchor(s.file())).append("\">").append(esc(s.file()))
                    .append("</a>: ").append(s.entries().size()).append(" edits</li>\n");
        }
        h.append("</ul>\n<h2>Edits by procedure code</h2>\n<p>The edits whose conditions name the code. Besides"
                + " these, every line can get the edits that name no code (they test its reference row, modifiers,"
                + " claim type or a loaded CMS table): ").append(esc(anyCode().stream().map(e -> e.edit().editId())
                .sorted().reduce((a, b) -> a + ", " + b).orElse("none"))).append(".</p>\n<table>\n")
                .append("<tr><th>Code</th><th>Edits</th></tr>\n");
        byCode().forEach((code, entries) -> h.append("<tr><td>").append(code).append("</td><td>").append(esc(
                entries.stream().map(e -> e.edit().editId() + (e.disabledReason().isPresent() ? " (disabled)" : ""))
                        .reduce((a, b) -> a + ", " + b).orElse(""))).append("</td></tr>\n"));
        h.append("</table>\n");
        for (Section s : sections) {
            h.append("<h2 id=\"").append(anchor(s.file())).append("\">").append(esc(s.file())).append("</h2>\n");
            if (!s.header().summary().isEmpty()) {
                h.append("<p>").append(esc(s.header().summary())).append("</p>\n");
            }
            h.append("<p><b>Sources:</b> ").append(esc(orMissing(s.header().sources()))).append("<br>\n")
                    .append("<b>Effective:</b> ").append(esc(orMissing(s.header().effective()))).append("</p>\n");
            h.append("<table>\n<tr><th>Edit id</th><th>Rule (line)</th><th>Category</th><th>Severity</th>")
                    .append("<th>Status</th><th>Message</th><th>Source</th><th>Effective</th></tr>\n");
            for (Entry e : s.entries()) {
                EditDefinition d = e.edit();
                h.append(e.disabledReason().isPresent() ? "<tr class=\"disabled\">" : "<tr>")
                        .append("<td>").append(esc(d.editId())).append("</td><td>").append(esc(d.ruleName()))
                        .append(at(e)).append("</td><td>").append(d.category()).append("</td><td>")
                        .append(d.severity()).append("</td><td>").append(esc(status(e))).append("</td><td>")
                        .append(esc(d.messageTemplate())).append("</td><td>").append(esc(d.source()))
                        .append("</td><td>").append(esc(effective(e))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static String orMissing(String text) {
        return text.isEmpty() ? "(not stated in the file header)" : text;
    }

    /** GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces to hyphens. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
