package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code findings} global: a rule's consequence hands it the line and any values its message names,
 * and the collector fills in the edit the rule declares. One collector per session, so never shared across
 * threads.
 */
public final class FindingCollector {
    /** The placeholders every message can use without the rule passing them. */
    public static final Set<String> STANDARD_VALUES =
            Set.of("code", "label", "claim", "line", "dos", "units", "modifiers", "typeOfBill");
    private final EditCatalog catalog;
    private final ReferenceData reference;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<ClaimLine, Set<Category>> categoriesByLine = new IdentityHashMap<>();

    public FindingCollector(EditCatalog catalog, ReferenceData reference) {
        this.catalog = catalog;
        this.reference = reference;
    }

    /**
     * Raises the firing rule's edit on a line.
     *
     * @param namedValues name, value, name, value...: values for the message's own placeholders
     */
    public void raise(RuleContext rule, ServiceLine line, Object... namedValues) {
        if (namedValues.length % 2 != 0) {
            throw new IllegalArgumentException("rule '" + rule.getRule().getName()
                    + "' passed an odd number of name/value arguments");
        }
        EditDefinition edit = catalog.of(rule.getRule());
        Map<String, Object> values = standardValues(line.getLine());
        for (int i = 0; i < namedValues.length; i += 2) {
            values.put(String.valueOf(namedValues[i]), namedValues[i + 1]);
        }
        findings.add(new Finding(line.getLine(), edit, MessageTemplate.format(edit.messageTemplate(), values)));
        categoriesByLine.computeIfAbsent(line.getLine(), l -> EnumSet.noneOf(Category.class)).add(edit.category());
    }

    /**
     * Raises the firing rule's edit unless a finding of the same category already sits on the line: how a
     * general table edit (e.g. the NCCI add-on code edits) gives way to a specific rule that said the same thing.
     * The general rule declares a lower salience, so the specific rules of the session have fired before it.
     *
     * @return whether the finding was raised
     */
    public boolean raiseUnlessSaid(RuleContext rule, ServiceLine line, Object... namedValues) {
        Set<Category> said = categoriesByLine.get(line.getLine());
        if (said != null && said.contains(catalog.of(rule.getRule()).category())) {
            return false;
        }
        raise(rule, line, namedValues);
        return true;
    }

    private Map<String, Object> standardValues(ClaimLine line) {
        Map<String, Object> values = new HashMap<>();
        values.put("code", line.code());
        values.put("label", reference.label(line.code()).orElse("no label on file"));
        values.put("claim", line.claimId());
        values.put("line", line.lineNumber());
        values.put("dos", line.dateOfService());
        values.put("units", line.units());
        values.put("modifiers", line.modifiers().isEmpty() ? "none" : line.modifiers());
        values.put("typeOfBill", line.typeOfBill());
        return values;
    }

    public List<Finding> findings() {
        return findings;
    }
}
