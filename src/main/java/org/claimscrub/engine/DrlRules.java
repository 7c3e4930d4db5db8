package org.claimscrub.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the compiled rule base does not keep of a DRL file: where a rule sits, the text of its
 * conditions and consequence, and the file's header comment (sources cited, effective dates). Line-based,
 * for files laid out as the authoring guide shows.
 */
public final class DrlRules {
    private static final Pattern FIELD = Pattern.compile("^([A-Z][A-Za-z ]*):\\s*(.*)$");

    private DrlRules() {
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
