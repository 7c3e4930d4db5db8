package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code findings} global: a rule's consequence hands it the line and any values its message names,
 * and the collector fills in the edit the rule declares. One collector per session, so never shared across
 * threads.
 */
public final class FindingCollector {
    private final EditCatalog catalog;
    private final ReferenceData reference;
    private final List<Finding> findings = new ArrayList<>();

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
        Map<String, Object> values = standardValues(line.getLine(), reference);
        for (int i = 0; i < namedValues.length; i += 2) {
            values.put(String.valueOf(namedValues[i]), namedValues[i + 1]);
        }
        findings.add(new Finding(line.getLine(), edit, MessageTemplate.format(edit.messageTemplate(), values)));
    }

    /** The values every message may name; {label} needs the reference data (null: none on file). */
    static Map<String, Object> standardValues(ClaimLine line, ReferenceData reference) {
        Map<String, Object> values = new HashMap<>();
        values.put("code", line.code());
        values.put("label", reference == null ? "no label on file"
                : reference.label(line.code()).orElse("no label on file"));
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
