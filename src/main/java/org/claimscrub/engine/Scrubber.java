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
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.Match;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the rules over claim lines. Lines are grouped by {@link Visit} (every cross-line edit stays within
 * one patient, billing provider and date), and whole visits are packed into sessions of about
 * {@link #SESSION_LINES} lines (fewer lines, one session per worker): one stateful session per chunk is cheaper
 * than one per visit, and the rules look within the visit (its lines travel with each fact, and joins are on the
 * visit) so chunks never mix visits' edits. Each fact carries its code's reference row as in force on its date
 * of service.
 *
 * <p>A Scrubber is thread-safe: the KieBase is shared and every chunk gets its own session and collector. Each
 * session runs on a session thread under a time limit and a firing limit, so a rule that never finishes costs its
 * visits a SYSTEM finding, never the batch.
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
    /** How long one session may run before its visits get a SYSTEM finding instead (--rule-timeout). */
    public static final Duration DEFAULT_RULE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Firings per line past which a session is taken to loop: the shipped rules fire a few times per line, and a
     * rule that updates its own fact without no-loop fires without end, faster than any time limit would tell.
     */
    static final int MAX_FIRINGS_PER_FACT = 100;
    static final int MIN_FIRING_LIMIT = 10_000;

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
    private final Duration ruleTimeout;
    private final RuleFailures failures = new RuleFailures();
    private final MessageMemo messages = new MessageMemo();
    /**
     * Rules whose consequence ran past the time limit: later sessions refuse to fire them (their visits get the
     * SYSTEM finding at once), so a rule stuck on every visit costs the limit once, not once per session.
     */
    private final Set<Rule> stuckRules = ConcurrentHashMap.newKeySet();

    public Scrubber(RuleBase rules, ReferenceData reference) {
        this(rules, reference, CmsTables.NONE);
    }

    public Scrubber(RuleBase rules, ReferenceData reference, CmsTables cms) {
        this(rules, reference, cms, DEFAULT_RULE_TIMEOUT);
    }

    /** @param ruleTimeout how long one session (about {@link #SESSION_LINES} lines) may run */
    public Scrubber(RuleBase rules, ReferenceData reference, CmsTables cms, Duration ruleTimeout) {
        if (ruleTimeout.isNegative() || ruleTimeout.isZero()) {
            throw new IllegalArgumentException("the rule time limit must be positive");
        }
        this.rules = rules;
        this.reference = reference;
        this.cms = cms;
        this.rulesUseCms = declaresGlobal(rules, CMS_GLOBAL);
        this.ruleTimeout = ruleTimeout;
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
     * calling thread; a rule that fails stops the scrub (an IllegalStateException naming the rule), since the
     * listener wants to see the rules as they are.
     */
    public List<Finding> scrub(Collection<ClaimLine> lines, AgendaEventListener listener) {
        List<Finding> findings = new ArrayList<>();
        for (List<List<ClaimLine>> chunk : chunks(visits(lines))) {
            try {
                findings.addAll(run(chunkFacts(chunk), listener));
            } catch (RuleFailure e) {
                throw new IllegalStateException((e.rule == null ? "a rule" : "rule '" + e.ruleName() + "'")
                        + " failed: " + e.withoutMessage(), e.error);
            }
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
        return pack(visits, SESSION_LINES);
    }

    /**
     * Whole visits packed, in order, into at most {@code sessions} chunks of about the same number of lines, or
     * into chunks of about {@link #SESSION_LINES} lines when there are more: a batch of fewer lines than that
     * still keeps every worker busy, instead of one session on one core while the others wait.
     */
    public static List<List<List<ClaimLine>>> chunks(List<List<ClaimLine>> visits, int sessions) {
        long lines = 0;
        for (List<ClaimLine> visit : visits) {
            lines += visit.size();
        }
        return pack(visits, (int) Math.max(1, Math.min(SESSION_LINES, (lines + sessions - 1) / sessions)));
    }

    private static List<List<List<ClaimLine>>> pack(List<List<ClaimLine>> visits, int linesPerChunk) {
        List<List<List<ClaimLine>>> chunks = new ArrayList<>();
        List<List<ClaimLine>> chunk = new ArrayList<>();
        int size = 0;
        for (List<ClaimLine> visit : visits) {
            chunk.add(visit);
            size += visit.size();
            if (size >= linesPerChunk) {
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
     * Scrubs whole visits in one session; returns their findings unsorted. When a rule throws (any Throwable but
     * OutOfMemoryError) or fires without end, each visit is scrubbed again alone, and a visit that still fails gets
     * one SYSTEM finding instead of its edits, so one bad visit never stops the batch. A session past the time
     * limit is abandoned and every visit in it gets the SYSTEM finding: scrubbing them again would cost the limit
     * again for each.
     */
    public List<Finding> scrubVisits(List<List<ClaimLine>> visits) {
        try {
            return run(chunkFacts(visits), null);
        } catch (RuleFailure chunkFailure) {
            if (visits.size() == 1 || chunkFailure.kind == RuleFailure.Kind.TIMED_OUT) {
                return ruleFailed(visits, chunkFailure);
            }
            List<Finding> findings = new ArrayList<>();
            for (List<ClaimLine> visit : visits) {
                try {
                    findings.addAll(run(facts(visit, new HashMap<>()), null));
                } catch (RuleFailure e) {
                    findings.addAll(ruleFailed(List.of(visit), e));
                }
            }
            return findings;
        }
    }

    /** The rules that failed so far, once per rule with the visits each cost. */
    public RuleFailures failures() {
        return failures;
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
        VisitLines visitLines = new VisitLines(ordered);
        for (ClaimLine line : ordered) {
            CodeReference row = rows.get(line.code());
            if (row == null) {
                CodeReference known = reference.code(line.code(), line.dateOfService());
                row = known != null ? known : CodeReference.unknown(line.code());
                rows.put(line.code(), row);
            }
            facts.add(new ServiceLine(line, visitLines, row));
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

    /**
     * One session over the facts of whole visits, on a session thread, within the time limit. Past the limit the
     * session is halted and its thread interrupted and abandoned: a rule stuck in a Java loop ignores both, so
     * the batch goes on without it (see {@link SessionThreads}).
     */
    private List<Finding> run(List<ServiceLine> facts, AgendaEventListener listener) throws RuleFailure {
        FiringWatch watch = new FiringWatch(MAX_FIRINGS_PER_FACT * (long) facts.size() + MIN_FIRING_LIMIT,
                stuckRules);
        SessionThreads.Run<List<Finding>> session = SessionThreads.start(() -> session(facts, listener, watch));
        try {
            List<Finding> found = session.result(ruleTimeout);
            if (watch.looping() != null) {
                throw RuleFailure.looped(watch.looping(), "more than " + watch.limit() + " rule firings in a session"
                        + " of " + facts.size() + " line(s) (a rule that updates a fact without no-loop?)");
            }
            if (!watch.skipped().isEmpty()) {
                replaceSkippedVisits(found, facts, watch.skipped());
            }
            return found;
        } catch (SessionThreads.Failed e) {
            if (e.getCause() instanceof OutOfMemoryError oom) {
                throw oom;
            }
            throw RuleFailure.threw(e.getCause(), rules.kieBase());
        } catch (SessionThreads.TimedOut e) {
            watch.halt();
            if (watch.firing() != null) {
                stuckRules.add(watch.firing());
            }
            throw RuleFailure.timedOut(watch.firing(), e.stuckAt(), rules.kieBase(), timeLimit());
        }
    }

    private List<Finding> session(List<ServiceLine> facts, AgendaEventListener listener, FiringWatch watch) {
        FindingCollector collector = new FindingCollector(rules.catalog(), reference, messages);
        KieSession session = rules.kieBase().newKieSession();
        try {
            watch.watch(session);
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
            session.fireAllRules(watch);
        } finally {
            session.dispose();
        }
        return collector.findings();
    }

    /**
     * The visits on which a rule known to be stuck matched: their findings give way to one SYSTEM finding each,
     * as if the session had timed out on them, without waiting for the time limit again.
     */
    private void replaceSkippedVisits(List<Finding> found, List<ServiceLine> facts, Map<Visit, Rule> skipped) {
        found.removeIf(f -> skipped.containsKey(f.line().visit()));
        Map<Visit, List<ClaimLine>> lines = new LinkedHashMap<>();
        for (ServiceLine fact : facts) {
            if (skipped.containsKey(fact.getVisit())) {
                lines.computeIfAbsent(fact.getVisit(), v -> new ArrayList<>()).add(fact.getLine());
            }
        }
        lines.forEach((visit, visitLines) -> found.addAll(ruleFailed(List.of(visitLines),
                RuleFailure.skipped(skipped.get(visit), timeLimit(), " on an earlier visit, so it was not run on"
                        + " this one"))));
    }

    private String timeLimit() {
        return "no result within the " + describe(ruleTimeout) + " rule time limit (--rule-timeout)";
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Watches a session's firings: the rule firing now (named when the session overruns its time) and a limit on
     * firings, past which the session halts: a rule that updates its own fact without no-loop fires for ever.
     */
    private static final class FiringWatch extends DefaultAgendaEventListener implements AgendaFilter {
        private final long limit;
        private final Set<Rule> stuck;
        /** The visits a stuck rule matched on, with the rule; written and read on the session's thread. */
        private final Map<Visit, Rule> skipped = new HashMap<>();
        private long fired;
        private volatile Rule firing;
        private volatile Rule looping;
        private volatile KieSession session;

        FiringWatch(long limit, Set<Rule> stuck) {
            this.limit = limit;
            this.stuck = stuck;
        }

        /** A rule that ran past the time limit in an earlier session does not fire again: its visit is noted. */
        @Override
        public boolean accept(Match match) {
            if (stuck.isEmpty() || !stuck.contains(match.getRule())) {
                return true;
            }
            for (Object fact : match.getObjects()) {
                if (fact instanceof ServiceLine line) {
                    skipped.putIfAbsent(line.getVisit(), match.getRule());
                }
            }
            return false;
        }

        Map<Visit, Rule> skipped() {
            return skipped;
        }

        void watch(KieSession s) {
            session = s;
            s.addEventListener(this);
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            firing = event.getMatch().getRule();
            if (++fired > limit && looping == null) {
                looping = firing;
                session.halt();
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            firing = null;
        }

        Rule firing() {
            return firing;
        }

        Rule looping() {
            return looping;
        }

        long limit() {
            return limit;
        }

        /** Halts the session, from any thread: a session looping through firings stops at the next one. */
        void halt() {
            KieSession s = session;
            if (s != null) {
                s.halt();
            }
        }
    }

    /**
     * One SYSTEM finding on each visit's first line, naming the rule, its file and the error; the failure is
     * counted once per rule for stderr, which gets the exception's class alone. The finding's error keeps an exception's message only when it quotes none of the
     * visit's identifying cells (see {@link RuleFailure#describe}).
     */
    private List<Finding> ruleFailed(List<List<ClaimLine>> visits, RuleFailure failure) {
        String ruleFile = ruleFile(failure.ruleName());
        String rule = failure.rule == null ? "a rule (the engine could not tell which)"
                : "rule '" + failure.ruleName() + "'" + (ruleFile.isEmpty() ? "" : " in " + ruleFile);
        List<Finding> findings = new ArrayList<>(visits.size());
        for (List<ClaimLine> visit : visits) {
            ClaimLine first = visit.stream().min(INPUT_ORDER).orElseThrow();
            String error = failure.describe(identifyingCells(visit));
            String message = MessageTemplate.format(RULE_FAILED.messageTemplate(), name -> switch (name) {
                case "lines" -> visit.size();
                case "rule" -> rule;
                case "error" -> error;
                default -> FindingCollector.standardValue(first, name, null);
            });
            findings.add(new Finding(first, RULE_FAILED, message));
        }
        failures.add(failure.ruleName(), ruleFile, failure.withoutMessage(), visits.size());
        return findings;
    }

    private String ruleFile(String ruleName) {
        for (EditDefinition edit : rules.catalog().edits()) {
            if (edit.ruleName().equals(ruleName)) {
                return edit.ruleFile();
            }
        }
        return "";
    }

    /** The cells of a visit's lines that identify a patient, provider, claim or date: never shown in a message. */
    private static List<String> identifyingCells(List<ClaimLine> visit) {
        Set<String> cells = new HashSet<>();
        for (ClaimLine line : visit) {
            cells.add(line.claimId());
            cells.add(line.patientId());
            cells.add(line.billingNpi());
            cells.add(line.renderingNpi());
            cells.add(line.payerId());
            cells.add(line.dateOfService().toString());
            cells.addAll(line.diagnosisCodes());
            if (line.charge() != null) {
                cells.add(line.charge().toPlainString());
            }
        }
        return new ArrayList<>(cells);
    }
}
