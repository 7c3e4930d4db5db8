package org.claimscrub.engine;

import org.claimscrub.model.EditDefinition;
import org.kie.api.definition.rule.Rule;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The edit each rule declares, found by the rule that fires. */
public final class EditCatalog {
    private final Map<String, EditDefinition> byRule;
    /** The same, by the rule as the engine hands it over: every finding asks, and a key string costs more. */
    private final Map<Rule, EditDefinition> byRuleObject = new ConcurrentHashMap<>();
    /** Rule key -> the reason its {@code @disabled} metadata gives. */
    private final Map<String, String> disabled;

    EditCatalog(Map<String, EditDefinition> byRule, Map<String, String> disabled) {
        this.byRule = Map.copyOf(byRule);
        this.disabled = Map.copyOf(disabled);
    }

    static String key(String packageName, String ruleName) {
        return packageName + '/' + ruleName;
    }

    public EditDefinition of(Rule rule) {
        EditDefinition edit = byRuleObject.get(rule);
        if (edit == null) {
            edit = byRule.get(key(rule.getPackageName(), rule.getName()));
            if (edit == null) {
                throw new IllegalStateException("rule '" + rule.getName() + "' raised a finding but declares no edit");
            }
            byRuleObject.put(rule, edit);
        }
        return edit;
    }

    /** Why the rule author disabled this edit, or empty when it is enabled. */
    public Optional<String> disabledReason(EditDefinition edit) {
        return byRule.entrySet().stream().filter(e -> e.getValue().equals(edit))
                .map(e -> disabled.get(e.getKey())).filter(Objects::nonNull).findFirst();
    }

    /** The edits whose rules carry {@code @disabled}: listed in the catalog, never fired. */
    public List<EditDefinition> disabledEdits() {
        return disabled.keySet().stream().map(byRule::get)
                .sorted(Comparator.comparing(EditDefinition::editId)).toList();
    }

    String packageOf(EditDefinition edit) {
        return byRule.entrySet().stream().filter(e -> e.getValue().equals(edit)).findFirst()
                .map(e -> e.getKey().substring(0, e.getKey().lastIndexOf('/' + edit.ruleName())))
                .orElseThrow();
    }

    /** Every edit, ordered by edit id. */
    public List<EditDefinition> edits() {
        return byRule.values().stream().sorted(Comparator.comparing(EditDefinition::editId)).toList();
    }
}
