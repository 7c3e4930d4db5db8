package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Visit;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.cms.CmsTables;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the rules over claim lines. Lines are grouped by {@link Visit} (every cross-line edit stays within
 * one patient, billing provider and date), and whole visits are packed into sessions of about
 * {@link #SESSION_LINES} lines: one stateful session per chunk is cheaper than one per visit, and the
 * rules join on the visit so chunks never mix visits' edits.
 */
public final class Scrubber {
    public static final String FINDINGS_GLOBAL = "findings";
    public static final String REFERENCE_GLOBAL = "reference";
    /** The CMS edit tables the user loaded (empty when none); set only when a rule file declares it. */
    public static final String CMS_GLOBAL = "cms";
    static final int SESSION_LINES = 2_000;

    /** Report order: input order of the line, then worst first, then edit id. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator
            .comparing((Finding f) -> f.line().source())
            .thenComparing(Finding::severity)
            .thenComparing(f -> f.edit().editId())
            .thenComparing(Finding::message);

    private final RuleBase rules;
    private final ReferenceData reference;
    private final CmsTables cms;
    private final boolean rulesUseCms;

    public Scrubber(RuleBase rules, ReferenceData reference) {
        this(rules, reference, CmsTables.NONE);
    }

    public Scrubber(RuleBase rules, ReferenceData reference, CmsTables cms) {
        this.rules = rules;
        this.reference = reference;
        this.cms = cms;
        this.rulesUseCms = declaresGlobal(rules, CMS_GLOBAL);
    }

    private static boolean declaresGlobal(RuleBase rules, String name) {
        for (KiePackage pkg : rules.kieBase().getKiePackages()) {
            for (Global global : pkg.getGlobalVariables()) {
                if (global.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Scrubs a batch; returns its findings in report order. */
    public List<Finding> scrub(Collection<ClaimLine> lines) {
        return scrub(lines, null);
    }

    /**
     * Scrubs a batch with a listener on every session's agenda (to see which rules fire and on what);
     * the listener is called from this thread only.
     */
    public List<Finding> scrub(Collection<ClaimLine> lines, AgendaEventListener listener) {
        Map<Visit, List<ClaimLine>> visits = new LinkedHashMap<>();
        for (ClaimLine line : lines) {
            visits.computeIfAbsent(line.visit(), v -> new ArrayList<>()).add(line);
        }
        List<Finding> findings = new ArrayList<>();
        List<ServiceLine> chunk = new ArrayList<>(SESSION_LINES + 64);
        for (List<ClaimLine> visit : visits.values()) {
            chunk.addAll(facts(visit));
            if (chunk.size() >= SESSION_LINES) {
                findings.addAll(run(chunk, listener));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            findings.addAll(run(chunk, listener));
        }
        findings.sort(REPORT_ORDER);
        return findings;
    }

    /** The facts of one visit: each line with its code's total units and whether it is the code's first line. */
    static List<ServiceLine> facts(List<ClaimLine> visit) {
        List<ClaimLine> ordered = new ArrayList<>(visit);
        ordered.sort(Comparator.comparing(ClaimLine::source));
        Map<String, Integer> unitsByCode = new HashMap<>();
        for (ClaimLine line : ordered) {
            unitsByCode.merge(line.code(), line.units(), Integer::sum);
        }
        List<ServiceLine> facts = new ArrayList<>(ordered.size());
        Map<String, Boolean> seen = new HashMap<>();
        for (ClaimLine line : ordered) {
            boolean first = seen.putIfAbsent(line.code(), Boolean.TRUE) == null;
            facts.add(new ServiceLine(line, unitsByCode.get(line.code()), first));
        }
        return facts;
    }

    private List<Finding> run(List<ServiceLine> facts, AgendaEventListener listener) {
        FindingCollector collector = new FindingCollector(rules.catalog(), reference);
        KieSession session = rules.kieBase().newKieSession();
        try {
            if (listener != null) {
                session.addEventListener(listener);
            }
            session.setGlobal(FINDINGS_GLOBAL, collector);
            session.setGlobal(REFERENCE_GLOBAL, reference);
            if (rulesUseCms) {
                session.setGlobal(CMS_GLOBAL, cms);
            }
            for (ServiceLine fact : facts) {
                session.insert(fact);
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return collector.findings();
    }
}
