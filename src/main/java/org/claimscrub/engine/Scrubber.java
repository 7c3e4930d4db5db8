package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Visit;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.cms.CmsTables;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.ConsequenceException;

import java.time.LocalDate;
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
 * {@link #SESSION_LINES} lines: one stateful session per chunk is cheaper than one per visit, and the rules
 * look within the visit (its lines travel with each fact, and joins are on the visit) so chunks never mix
 * visits' edits. Each fact carries its code's reference row as in force on its date of service.
 *
 * <p>A Scrubber is thread-safe: the KieBase is shared and every chunk gets its own session and collector.
 */
public final class Scrubber {
    public static final String FINDINGS_GLOBAL = "findings";
    public static final String REFERENCE_GLOBAL = "reference";
    /** The CMS edit tables the user loaded (empty when none); set only when a rule file declares it. */
    public static final String CMS_GLOBAL = "cms";
    /**
     * The entry point the CMS rules match lines from: lines go there too only when CMS tables are loaded, so
     * without tables those rules see no line at all (no alpha test, no staged tuple) and cost nothing.
     */
    public static final String CMS_ENTRY_POINT = "cms";
    static final int SESSION_LINES = 2_000;

    /** The finding that stands in for a visit's edits when a rule throws on that visit. */
    public static final EditDefinition RULE_FAILED = new EditDefinition("SYS-RULE-FAILED", Category.SYSTEM,
            Category.SYSTEM.defaultSeverity(), Category.SYSTEM.defaultMessage(), Category.SYSTEM.defaultSource(),
            "engine: rule failure", "");

    /**
     * Report order: input order of the line, then worst first, then edit id, then message. Written out rather
     * than chained with Comparator.comparing: every chunk's findings are sorted, and the chain's lambdas took
     * most of that sort (JFR).
     */
    public static final Comparator<Finding> REPORT_ORDER = (a, b) -> {
        int c = a.line().source().compareTo(b.line().source());
        if (c == 0) {
            c = a.severity().compareTo(b.severity());
        }
        if (c == 0) {
            c = a.edit().editId().compareTo(b.edit().editId());
        }
        return c != 0 ? c : a.message().compareTo(b.message());
    };

    private static final Comparator<ClaimLine> INPUT_ORDER = (a, b) -> a.source().compareTo(b.source());

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

    /** Scrubs a batch on the calling thread; returns its findings in report order. */
    public List<Finding> scrub(Collection<ClaimLine> lines) {
        List<Finding> findings = new ArrayList<>();
        for (List<List<ClaimLine>> chunk : chunks(visits(lines))) {
            findings.addAll(scrubVisits(chunk));
        }
        findings.sort(REPORT_ORDER);
        return findings;
    }

    /**
     * Scrubs a batch with a listener on every session's agenda (to see which rules fire and on what), on the
     * calling thread; a rule that throws stops the scrub, since the listener wants to see the rules as they are.
     */
    public List<Finding> scrub(Collection<ClaimLine> lines, AgendaEventListener listener) {
        List<Finding> findings = new ArrayList<>();
        for (List<List<ClaimLine>> chunk : chunks(visits(lines))) {
            findings.addAll(run(chunkFacts(chunk), listener));
        }
        findings.sort(REPORT_ORDER);
        return findings;
    }

    /** The lines grouped by visit, visits in order of first appearance. */
    public static List<List<ClaimLine>> visits(Collection<ClaimLine> lines) {
        Map<Visit, List<ClaimLine>> visits = new LinkedHashMap<>();
        for (ClaimLine line : lines) {
            visits.computeIfAbsent(line.visit(), v -> new ArrayList<>(4)).add(line);
        }
        return new ArrayList<>(visits.values());
    }

    /** Whole visits packed, in order, into chunks of about {@link #SESSION_LINES} lines, one session each. */
    public static List<List<List<ClaimLine>>> chunks(List<List<ClaimLine>> visits) {
        List<List<List<ClaimLine>>> chunks = new ArrayList<>();
        List<List<ClaimLine>> chunk = new ArrayList<>();
        int size = 0;
        for (List<ClaimLine> visit : visits) {
            chunk.add(visit);
            size += visit.size();
            if (size >= SESSION_LINES) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * Scrubs whole visits in one session; returns their findings unsorted. When a rule throws, each visit is
     * scrubbed again alone, and a visit that still fails gets one SYSTEM finding instead of its edits, so one
     * bad visit never stops the batch.
     */
    public List<Finding> scrubVisits(List<List<ClaimLine>> visits) {
        try {
            return run(chunkFacts(visits), null);
        } catch (RuntimeException chunkFailure) {
            if (visits.size() == 1) {
                return List.of(ruleFailed(visits.get(0), chunkFailure));
            }
            List<Finding> findings = new ArrayList<>();
            for (List<ClaimLine> visit : visits) {
                try {
                    findings.addAll(run(facts(visit, new HashMap<>()), null));
                } catch (RuntimeException e) {
                    findings.add(ruleFailed(visit, e));
                }
            }
            return findings;
        }
    }

    private List<ServiceLine> chunkFacts(List<List<ClaimLine>> visits) {
        Map<LocalDate, Map<String, CodeReference>> rows = new HashMap<>();
        List<ServiceLine> facts = new ArrayList<>();
        for (List<ClaimLine> visit : visits) {
            facts.addAll(facts(visit, rows.computeIfAbsent(visit.get(0).dateOfService(), d -> new HashMap<>())));
        }
        return facts;
    }

    /**
     * The facts of one visit: each line with the visit's lines (in input order) and its code's reference row on
     * the date of service.
     *
     * @param rows the reference rows known so far on the visit's date of service, by code
     */
    private List<ServiceLine> facts(List<ClaimLine> visit, Map<String, CodeReference> rows) {
        List<ClaimLine> ordered = visit;
        if (!inInputOrder(visit)) {
            ordered = new ArrayList<>(visit);
            ordered.sort(INPUT_ORDER);
        }
        List<ServiceLine> facts = new ArrayList<>(ordered.size());
        for (ClaimLine line : ordered) {
            CodeReference row = rows.get(line.code());
            if (row == null) {
                CodeReference known = reference.code(line.code(), line.dateOfService());
                row = known != null ? known : CodeReference.unknown(line.code());
                rows.put(line.code(), row);
            }
            facts.add(new ServiceLine(line, ordered, row));
        }
        return facts;
    }

    /** Visits come in input order from {@link #visits}: checking is cheaper than sorting again. */
    private static boolean inInputOrder(List<ClaimLine> visit) {
        for (int i = 1; i < visit.size(); i++) {
            if (visit.get(i - 1).source().compareTo(visit.get(i).source()) > 0) {
                return false;
            }
        }
        return true;
    }

    /** One session over the facts of whole visits. */
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
            if (cms.loaded() != null) {
                session.insert(cms.loaded());
            }
            EntryPoint cmsLines = cms.loaded() == null ? null : session.getEntryPoint(CMS_ENTRY_POINT);
            for (ServiceLine fact : facts) {
                session.insert(fact);
                if (cmsLines != null) {
                    cmsLines.insert(fact);
                }
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return collector.findings();
    }

    /**
     * The SYSTEM finding on the visit's first line. It names the rule and the exception type only: exception
     * messages may quote claim data, which must not leave the report.
     */
    private static Finding ruleFailed(List<ClaimLine> visit, RuntimeException e) {
        ClaimLine first = visit.stream().min(Comparator.comparing(ClaimLine::source)).orElseThrow();
        String rule = e instanceof ConsequenceException ce && ce.getMatch() != null
                ? ce.getMatch().getRule().getName() : "a rule condition";
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String error = cause.getClass().getSimpleName();
        String message = MessageTemplate.format(RULE_FAILED.messageTemplate(), name -> switch (name) {
            case "lines" -> visit.size();
            case "rule" -> rule;
            case "error" -> error;
            default -> FindingCollector.standardValue(first, name, null);
        });
        return new Finding(first, RULE_FAILED, message);
    }
}
