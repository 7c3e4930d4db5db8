package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.EnumSet;
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
    private final MessageMemo messages;
    private final List<Finding> findings = new ArrayList<>();
    /**
     * The categories already raised on each line, made on the first {@link #raiseUnlessSaid} and kept up to date
     * from then on: raise is the hot path and most sessions never ask, but a scan per call was quadratic in a
     * large visit.
     */
    private Map<ClaimLine, Set<Category>> said;

    FindingCollector(EditCatalog catalog, ReferenceData reference, MessageMemo messages) {
        this.catalog = catalog;
        this.reference = reference;
        this.messages = messages;
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
        ClaimLine claimLine = line.getLine();
        String message = messages.format(edit.messageTemplate(), name -> {
            for (int i = 0; i < namedValues.length; i += 2) {
                if (name.equals(String.valueOf(namedValues[i]))) {
                    return namedValues[i + 1];
                }
            }
            return standardValue(claimLine, name, reference);
        });
        findings.add(new Finding(claimLine, edit, message));
        if (said != null) {
            remember(claimLine, edit.category());
        }
    }

    private void remember(ClaimLine line, Category category) {
        said.computeIfAbsent(line, l -> EnumSet.noneOf(Category.class)).add(category);
    }

    /**
     * Raises the firing rule's edit unless a finding of the same category already sits on the line: how a
     * general table edit (e.g. the NCCI add-on code edits) gives way to a specific rule that said the same thing.
     * The general rule declares a lower salience, so the specific rules of the session have fired before it.
     *
     * @return whether the finding was raised
     */
    public boolean raiseUnlessSaid(RuleContext rule, ServiceLine line, Object... namedValues) {
        Category category = catalog.of(rule.getRule()).category();
        if (said == null) {
            said = new IdentityHashMap<>();
            for (Finding f : findings) {
                remember(f.line(), f.category());
            }
        }
        Set<Category> onLine = said.get(line.getLine());
        if (onLine != null && onLine.contains(category)) {
            return false;
        }
        raise(rule, line, namedValues);
        return true;
    }

    /**
     * A value every message may name, or null for another name; {label} needs the reference data (null:
     * none on file). Looked up by name rather than put in a map, as a map per finding costs more than the rule.
     */
    public static Object standardValue(ClaimLine line, String name, ReferenceData reference) {
        return switch (name) {
            case "code" -> line.code();
            case "label" -> reference == null ? "no label on file"
                    : reference.label(line.code()).orElse("no label on file");
            case "claim" -> line.claimId();
            case "line" -> line.lineNumber();
            case "dos" -> line.dateOfService();
            case "units" -> line.units();
            case "modifiers" -> line.modifiers().isEmpty() ? "none" : line.modifiers();
            case "typeOfBill" -> line.typeOfBill();
            default -> null;
        };
    }

    public List<Finding> findings() {
        return findings;
    }
}
