package org.claimscrub.authoring;

import org.claimscrub.engine.DrlRules;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.engine.ServiceLine;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.FindingStatus;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.ReferenceData;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.rule.Match;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Why each finding on one claim was raised: every rule match that touched a line of the claim, with the
 * facts each declaration bound and the rule's conditions as written. The whole input is scrubbed, so a
 * primary on another claim of the same visit shows up. Patient ids are never printed: lines are described
 * by claim, line, code, units, modifiers and date only.
 */
public final class ClaimExplanation {
    private final RuleBase rules;
    private final ReferenceData reference;
    private final Path rulesFolder;

    public ClaimExplanation(Path rulesFolder, RuleBase rules, ReferenceData reference) {
        this.rulesFolder = rulesFolder;
        this.rules = rules;
        this.reference = reference;
    }

    /** One fired rule match: the rule and each declaration's bound value, in declaration order. */
    public record FiredMatch(Rule rule, Map<String, Object> bound) {
        boolean touches(String claimId) {
            return bound.values().stream().anyMatch(v -> v instanceof ServiceLine s && s.getClaimId().equals(claimId));
        }
    }

    /**
     * @param overrides applied to the findings before explaining, so bypassed ones show as such
     * @return the explanation text, or empty when the input has no line of the claim
     */
    public String explain(String claimId, Collection<ClaimLine> input, UnaryOperator<List<Finding>> overrides)
            throws IOException {
        List<ClaimLine> claimLines = input.stream().filter(l -> l.claimId().equals(claimId))
                .sorted(Comparator.comparing(ClaimLine::source)).toList();
        if (claimLines.isEmpty()) {
            return "";
        }
        // Only matches that touch the claim are kept, so a big input costs no more memory than a scrub.
        List<FiredMatch> touching = new ArrayList<>();
        List<Finding> findings = overrides.apply(new Scrubber(rules, reference).scrub(input,
                new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        Match match = event.getMatch();
                        Map<String, Object> bound = new LinkedHashMap<>();
                        for (String id : match.getDeclarationIds()) {
                            bound.put(id, match.getDeclarationValue(id));
                        }
                        FiredMatch fired = new FiredMatch(match.getRule(), bound);
                        if (fired.touches(claimId)) {
                            touching.add(fired);
                        }
                    }
                }));
        StringBuilder out = new StringBuilder();
        long claimFindings = findings.stream().filter(f -> f.line().claimId().equals(claimId)).count();
        out.append("Claim ").append(claimId).append(": ").append(claimLines.size()).append(" line(s), ")
                .append(claimFindings).append(" finding(s); ").append(touching.size())
                .append(" rule match(es) involve its lines (the whole input, ").append(input.size())
                .append(" lines, was scrubbed so matches across claims show).\n");
        for (ClaimLine line : claimLines) {
            out.append("\nLine ").append(line.lineNumber()).append(": ").append(describe(line)).append('\n');
            List<Finding> onLine = findings.stream().filter(f -> f.line().equals(line)).toList();
            if (onLine.isEmpty()) {
                out.append("  no findings\n");
            }
            for (Finding f : onLine) {
                out.append("  ").append(f.edit().editId()).append("  ").append(f.severity()).append("  ")
                        .append(f.category());
                if (f.status() != FindingStatus.ACTIVE) {
                    out.append("  [").append(f.status().name().toLowerCase(Locale.ROOT)).append(": ")
                            .append(f.overrideReason()).append(']');
                }
                out.append("\n    ").append(f.message()).append('\n');
            }
        }
        out.append(touching.isEmpty() ? "\nNo rule matched any line of this claim.\n"
                : "\nWhy: each rule match that involved a line of this claim\n");
        Map<String, List<String>> ruleFiles = new HashMap<>();
        int n = 0;
        for (FiredMatch m : touching) {
            EditDefinition edit = rules.catalog().of(m.rule());
            List<String> file = ruleFiles.computeIfAbsent(edit.ruleFile(), this::read);
            out.append(String.format("%n%3d. rule \"%s\" (%s, %s:%d) matched%n", ++n, edit.ruleName(),
                    edit.editId(), edit.ruleFile(), DrlRules.declarationLine(file, edit.ruleName())));
            m.bound().forEach((name, value) -> out.append("       ").append(name).append(" = ")
                    .append(describe(value)).append('\n'));
            DrlRules.rule(file, edit.ruleName()).ifPresent(text -> {
                out.append("     because these conditions held:\n");
                text.conditions().forEach(c -> out.append("       ").append(c.strip()).append('\n'));
            });
        }
        appendQuietRules(out, claimLines, touching, ruleFiles);
        return out.toString();
    }

    /**
     * Enabled rules whose conditions name a code of the claim but that did not fire on it: the usual
     * "why didn't it fire?" suspects, with the conditions that did not all hold.
     */
    private void appendQuietRules(StringBuilder out, List<ClaimLine> claimLines, List<FiredMatch> touching,
                                  Map<String, List<String>> ruleFiles) {
        Set<String> codes = new TreeSet<>();
        claimLines.forEach(l -> codes.add(l.code()));
        Set<String> firedRules = new HashSet<>();
        touching.forEach(m -> firedRules.add(m.rule().getName()));
        Set<EditDefinition> disabled = new HashSet<>(rules.catalog().disabledEdits());
        List<String> quiet = new ArrayList<>();
        for (EditDefinition edit : rules.edits()) {
            if (firedRules.contains(edit.ruleName()) || disabled.contains(edit)) {
                continue;
            }
            List<String> file = ruleFiles.computeIfAbsent(edit.ruleFile(), this::read);
            // a condition names a primary through its family's primaryOf...() function
            List<DrlRules.Primary> primaries = DrlRules.primaries(file);
            DrlRules.rule(file, edit.ruleName())
                    .filter(text -> codes.stream().anyMatch(code -> text.conditions().stream()
                            .anyMatch(c -> c.contains('"' + code + '"') || primaries.stream().anyMatch(
                                    p -> p.primary().equals(code) && c.contains(p.function() + "(")))))
                    .ifPresent(text -> {
                        quiet.add(String.format("  rule \"%s\" (%s, %s:%d): not all of these held:", edit.ruleName(),
                                edit.editId(), edit.ruleFile(), text.declarationLine()));
                        text.conditions().forEach(c -> quiet.add("       " + c.strip()));
                    });
        }
        if (!quiet.isEmpty()) {
            out.append("\nRules about ").append(String.join(", ", codes)).append(" that did not fire on this claim\n");
            quiet.forEach(q -> out.append(q).append('\n'));
        }
    }

    private List<String> read(String ruleFile) {
        try {
            return Files.readAllLines(rulesFolder.resolve(ruleFile));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A bound value in words, never with a patient id. */
    static String describe(Object value) {
        if (value instanceof ServiceLine s) {
            StringBuilder text = new StringBuilder(describe(s.getLine())).append(" (").append(s.getCodeUnits())
                    .append(" unit(s) of ").append(s.getCode()).append(" in the visit")
                    .append(s.isFirstOfCode() ? ", its first line" : "").append(')');
            for (ClaimLine other : s.getVisitLines()) {
                if (other != s.getLine()) {
                    text.append("\n           same visit: ").append(describe(other));
                }
            }
            return text.append("\n           ").append(describe(s.getCodeRow())).toString();
        }
        if (value instanceof ClaimLine l) {
            return describe(l);
        }
        if (value instanceof CodeReference r) {
            StringBuilder values = new StringBuilder();
            for (RecordComponent c : CodeReference.class.getRecordComponents()) {
                Object v = readComponent(c, r);
                if (v != null && !c.getName().equals("code") && !c.getName().equals("label")) {
                    values.append(' ').append(c.getName()).append('=').append(v);
                }
            }
            return values.isEmpty() ? "no reference row for " + r.code()
                    : "reference row for " + r.code() + ":" + values;
        }
        return String.valueOf(value);
    }

    private static Object readComponent(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(ClaimLine l) {
        return "claim " + l.claimId() + " line " + l.lineNumber() + ": " + l.code() + ", " + l.units() + " unit(s), "
                + "modifiers " + (l.modifiers().isEmpty() ? "none" : l.modifiers()) + ", " + l.dateOfService()
                + ", " + l.claimType().name().toLowerCase(Locale.ROOT)
                + (l.typeOfBill().isEmpty() ? "" : ", type of bill " + l.typeOfBill())
                + ", billing NPI " + (l.billingNpi().isEmpty() ? "none" : l.billingNpi())
                + (l.payerId().isEmpty() ? "" : ", payer " + l.payerId());
    }
}
