package org.claimscrub.engine;

import org.claimscrub.model.EditDefinition;
import org.kie.api.definition.rule.Rule;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The edit each rule declares, found by the rule that fires. */
public final class EditCatalog {
    private final Map<String, EditDefinition> byRule;

    EditCatalog(Map<String, EditDefinition> byRule) {
        this.byRule = Map.copyOf(byRule);
    }

    static String key(String packageName, String ruleName) {
        return packageName + '/' + ruleName;
    }

    public EditDefinition of(Rule rule) {
        EditDefinition edit = byRule.get(key(rule.getPackageName(), rule.getName()));
        if (edit == null) {
            throw new IllegalStateException("rule '" + rule.getName() + "' raised a finding but declares no edit");
        }
        return edit;
    }

    /** Every edit, ordered by edit id. */
    public List<EditDefinition> edits() {
        return byRule.values().stream().sorted(Comparator.comparing(EditDefinition::editId)).toList();
    }
}
