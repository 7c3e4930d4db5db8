package org.claimscrub.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule failures of a batch, one entry per rule and kind of failure with the number of visits it cost, so the
 * operator is told once per rule (not once per visit) which rule to fix. Thread-safe: every session adds to it.
 */
public final class RuleFailures {
    /**
     * One rule's failure.
     *
     * @param rule     the rule's name, or empty when the engine could not tell which rule failed
     * @param ruleFile the rule's file inside the rules folder, or empty when unknown
     * @param error    what went wrong, without claim data (an exception class, a time limit, a firing limit)
     * @param visits   how many visits got a SYSTEM finding instead of their edits because of it
     */
    public record Failure(String rule, String ruleFile, String error, long visits) {

        /** One line for stderr: "rule 'X' (policy/x.drl) failed on 3 visit(s): IllegalStateException". */
        public String describe() {
            String which = rule.isEmpty() ? "an unidentified rule" : "rule '" + rule + "'";
            String where = ruleFile.isEmpty() ? "" : " (" + ruleFile + ")";
            return which + where + " failed on " + visits + " visit(s): " + error;
        }
    }

    private record Key(String rule, String ruleFile, String error) {
    }

    private final Map<Key, Long> visits = new LinkedHashMap<>();

    synchronized void add(String rule, String ruleFile, String error, long visitCount) {
        visits.merge(new Key(rule, ruleFile, error), visitCount, Long::sum);
    }

    public synchronized boolean isEmpty() {
        return visits.isEmpty();
    }

    /** Every failure, most visits first, then by rule name: the same list whatever the threads did. */
    public synchronized List<Failure> all() {
        List<Failure> out = new ArrayList<>();
        visits.forEach((k, n) -> out.add(new Failure(k.rule(), k.ruleFile(), k.error(), n)));
        out.sort(Comparator.comparingLong(Failure::visits).reversed().thenComparing(Failure::rule)
                .thenComparing(Failure::error));
        return out;
    }
}
