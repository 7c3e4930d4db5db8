package org.claimscrub.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the compiled rule base does not keep of a DRL file: where a rule sits, the text of its
 * conditions and consequence, and the file's header comment (sources cited, effective dates). Line-based,
 * for files laid out as the authoring guide shows.
 */
public final class DrlRules {
    /** The name a family file's pairing functions start with, followed by the add-on code. */
    public static final String PRIMARY_FUNCTION_PREFIX = "primaryOf";
    private static final Pattern FIELD = Pattern.compile("^([A-Z][A-Za-z ]*):\\s*(.*)$");
    /** {@code function String primaryOf0856T() { return "88348"; }}: a family file's one statement of a pairing. */
    private static final Pattern PRIMARY_FUNCTION = Pattern.compile(
            "^\\s*function\\s+String\\s+(" + PRIMARY_FUNCTION_PREFIX
                    + "(\\w+))\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+\"([^\"]*)\"");
    private static final Pattern RULE_DECLARATION = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    /** {@code @name("value")} or a bare {@code @name}, between a rule's name and its {@code when}. */
    private static final Pattern METADATA = Pattern.compile(
            "@(\\w+)(?:\\s*\\(\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?\\))?");

    private DrlRules() {
    }

    /**
     * An add-on's primary as its family file declares it, once: {@code function String primaryOf0856T() { return
     * "88348"; }}. The rules call the function, so the pairing is written in one place.
     *
     * @param function the function's name, {@code primaryOf0856T}
     * @param line     the 1-based line of the declaration
     */
    public record Primary(String addon, String primary, String function, int line) {
    }

    /** The pairings a DRL file declares, in file order. */
    public static List<Primary> primaries(List<String> lines) {
        List<Primary> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PRIMARY_FUNCTION.matcher(lines.get(i));
            if (m.find()) {
                found.add(new Primary(m.group(2), m.group(3), m.group(1), i + 1));
            }
        }
        return found;
    }

    /**
     * Add-on to primary, as every {@code .drl} file under the rules folder declares them: what tests and the
     * bench pair codes by, so that a change of primary is a change of DRL only.
     */
    public static Map<String, String> primaries(Path rulesFolder) throws IOException {
        Map<String, String> pairs = new TreeMap<>();
        try (var walk = Files.walk(rulesFolder)) {
            for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".drl")).sorted()::iterator) {
                primaries(Files.readAllLines(file)).forEach(p -> pairs.put(p.addon(), p.primary()));
            }
        }
        return pairs;
    }

    /**
     * A rule's metadata as written, read from the text so that it can be checked in a file that does not
     * compile.
     *
     * @param line     the 1-based line of the rule's declaration
     * @param metadata name to value (empty for a bare {@code @name}), in the order written
     */
    public record RuleMetadata(String ruleName, int line, Map<String, String> metadata) {
    }

    /** Every rule of the file with the metadata written before its {@code when}. */
    public static List<RuleMetadata> metadata(List<String> lines) {
        List<RuleMetadata> rules = new ArrayList<>();
        ruleDeclarations(lines).forEach((declared, name) -> {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (int i = declared - 1; i < lines.size(); i++) {
                String text = lines.get(i);
                if (i == declared - 1) {
                    text = text.substring(text.indexOf('"', text.indexOf('"') + 1) + 1);
                }
                if (text.strip().equals("when") || text.strip().startsWith("when ")) {
                    break;
                }
                Matcher m = METADATA.matcher(text);
                while (m.find()) {
                    values.putIfAbsent(m.group(1), m.group(2) == null ? "" : m.group(2).replace("\\\"", "\""));
                }
            }
            rules.add(new RuleMetadata(name, declared, values));
        });
        return rules;
    }

    /**
     * The pairs whose add-on is not itself another add-on's primary: the digitization add-ons, without the
     * chained primaries (88341 -> 88342) that have only the "without" rule.
     */
    public static Map<String, String> unchained(Map<String, String> pairs) {
        Map<String, String> addons = new TreeMap<>(pairs);
        addons.keySet().removeAll(pairs.values());
        return addons;
    }

    /** The name of every rule the file declares (quoted names), with its 1-based line, in file order. */
    public static Map<Integer, String> ruleDeclarations(List<String> lines) {
        Map<Integer, String> rules = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = RULE_DECLARATION.matcher(lines.get(i));
            if (m.find()) {
                rules.put(i + 1, m.group(1));
            }
        }
        return rules;
    }

    /** A rule's text: 1-based lines of its declaration, {@code when}, {@code then} and {@code end}. */
    public record RuleText(int declarationLine, List<String> conditions, List<String> consequence) {
    }

    /**
     * The block comment a DRL file opens with.
     *
     * @param summary   its first paragraph (the title line and what follows up to the first blank line)
     * @param sources   the text of its {@code Sources:} field, empty when absent
     * @param effective the text of its {@code Effective:} field, empty when absent
     */
    public record Header(boolean present, String summary, String sources, String effective) {
        static final Header NONE = new Header(false, "", "", "");
    }

    /** The 1-based line that declares the rule, or 0. */
    public static int declarationLine(List<String> lines, String ruleName) {
        Pattern declaration = Pattern.compile("^\\s*rule\\s+(\"" + Pattern.quote(ruleName) + "\"|"
                + Pattern.quote(ruleName) + ")(\\s|$)");
        for (int i = 0; i < lines.size(); i++) {
            if (declaration.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    public static Optional<RuleText> rule(List<String> lines, String ruleName) {
        int declared = declarationLine(lines, ruleName);
        if (declared == 0) {
            return Optional.empty();
        }
        List<String> conditions = new ArrayList<>();
        List<String> consequence = new ArrayList<>();
        List<String> into = null;
        for (int i = declared; i < lines.size(); i++) {
            String line = lines.get(i);
            String keyword = line.strip();
            if (keyword.equals("when")) {
                into = conditions;
            } else if (keyword.equals("then")) {
                into = consequence;
            } else if (keyword.equals("end")) {
                break;
            } else if (into != null && !keyword.isEmpty()) {
                into.add(line.stripTrailing());
            }
        }
        return Optional.of(new RuleText(declared, conditions, consequence));
    }

    public static Header header(List<String> lines) {
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i >= lines.size() || !lines.get(i).strip().startsWith("/*")) {
            return Header.NONE;
        }
        List<String> text = new ArrayList<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean last = line.endsWith("*/");
            line = line.replaceFirst("^/\\*+", "").replaceFirst("\\*+/$", "").replaceFirst("^\\*", "");
            text.add(line.startsWith(" ") ? line.substring(1) : line);
            if (last) {
                break;
            }
        }
        StringBuilder summary = new StringBuilder();
        int j = 0;
        while (j < text.size() && text.get(j).isBlank()) {
            j++;
        }
        for (; j < text.size() && !text.get(j).isBlank(); j++) {
            String line = text.get(j).strip();
            if (summary.length() > 0) {
                // A title line ("Digital pathology add-on family: x") ends without punctuation.
                boolean afterTitle = !".,;:)".contains(summary.substring(summary.length() - 1))
                        && Character.isUpperCase(line.charAt(0));
                summary.append(afterTitle ? ". " : " ");
            }
            summary.append(line);
        }
        return new Header(true, summary.toString(), field(text, "Sources"), field(text, "Effective"));
    }

    /** "Name: text" and its indented continuation lines, joined. */
    private static String field(List<String> text, String name) {
        for (int i = 0; i < text.size(); i++) {
            Matcher m = FIELD.matcher(text.get(i));
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            StringBuilder value = new StringBuilder(m.group(2).strip());
            for (int k = i + 1; k < text.size(); k++) {
                String next = text.get(k);
                if (next.isBlank() || !Character.isWhitespace(next.charAt(0))) {
                    break;
                }
                value.append(' ').append(next.strip());
            }
            return value.toString();
        }
        return "";
    }
}
