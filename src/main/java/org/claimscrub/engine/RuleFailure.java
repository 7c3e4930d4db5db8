package org.claimscrub.engine;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.ConsequenceException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a session gave no findings: a rule threw (any Throwable but OutOfMemoryError), ran past the time limit, or
 * fired without end. Carries the failing rule when the engine can tell it, and the error as the report may show
 * it: never the claim data an exception message may quote.
 */
final class RuleFailure extends Exception {
    /** Longest exception message kept in a finding; longer ones are cut. */
    static final int MAX_MESSAGE = 200;
    /** Drools names the rules of a failed constraint: {@code [Rule "name" in file.drl]}. */
    private static final Pattern CONSTRAINT_RULE = Pattern.compile("\\[Rule \"([^\"]+)\"");
    /** The class the classic engine compiles a rule's evals and consequence into: {@code Rule_<name><n>}. */
    private static final Pattern RULE_CLASS = Pattern.compile("Rule_(.+?)\\d+");

    enum Kind { THREW, TIMED_OUT, LOOPED }

    final Kind kind;
    /** The failing rule, or null when unknown. */
    final Rule rule;
    /** The rule's own exception (the root of Drools' wrappers), or null for a time or firing limit. */
    final Throwable error;
    /** What the report says went wrong when there is no exception. */
    final String limit;
    /** Said in the finding after the limit, not on stderr (empty when none). */
    private final String detail;

    private RuleFailure(Kind kind, Rule rule, Throwable error, String limit) {
        this(kind, rule, error, limit, "");
    }

    private RuleFailure(Kind kind, Rule rule, Throwable error, String limit, String detail) {
        super(null, null, false, false);
        this.kind = kind;
        this.rule = rule;
        this.error = error;
        this.limit = limit;
        this.detail = detail;
    }

    static RuleFailure threw(Throwable thrown, KieBase rules) {
        return new RuleFailure(Kind.THREW, ruleOf(thrown, rules), rootCause(thrown), null);
    }

    static RuleFailure timedOut(Rule firing, StackTraceElement[] stuckAt, KieBase rules, String limit) {
        Rule rule = firing != null ? firing : ruleInStack(stuckAt, rules);
        return new RuleFailure(Kind.TIMED_OUT, rule, null, limit);
    }

    /** A rule that timed out before, not fired on this visit. */
    static RuleFailure skipped(Rule rule, String limit, String detail) {
        return new RuleFailure(Kind.TIMED_OUT, rule, null, limit, detail);
    }

    static RuleFailure looped(Rule rule, String limit) {
        return new RuleFailure(Kind.LOOPED, rule, null, limit);
    }

    /** The rule's name, or empty when unknown. */
    String ruleName() {
        return rule == null ? "" : rule.getName();
    }

    /**
     * The error as a finding and stderr show it: the exception's class, and its message only when it quotes none
     * of the given values (the cells of the visit's lines that identify a patient or claim) and fits on a line.
     */
    String describe(Iterable<String> claimValues) {
        if (error == null) {
            return limit + detail;
        }
        String type = error.getClass().getName();
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return type;
        }
        for (String value : claimValues) {
            if (!value.isEmpty() && message.contains(value)) {
                return type + " (message withheld: it quotes claim data)";
            }
        }
        String oneLine = message.replaceAll("\\p{Cntrl}+", " ").strip();
        if (oneLine.length() > MAX_MESSAGE) {
            oneLine = oneLine.substring(0, MAX_MESSAGE) + "...";
        }
        return type + ": " + oneLine;
    }

    /** The error without any exception message: for stderr and logs, which never show one. */
    String withoutMessage() {
        return error == null ? limit : error.getClass().getName();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The rule a Throwable came from: the consequence's match, the rule a failed constraint names, or the rule
     * class in the stack trace (an eval).
     */
    private static Rule ruleOf(Throwable thrown, KieBase rules) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConsequenceException ce && ce.getMatch() != null) {
                return ce.getMatch().getRule();
            }
            Matcher m = CONSTRAINT_RULE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                Rule named = byName(m.group(1), rules);
                if (named != null) {
                    return named;
                }
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Rule inStack = ruleInStack(t.getStackTrace(), rules);
            if (inStack != null) {
                return inStack;
            }
        }
        return null;
    }

    private static Rule ruleInStack(StackTraceElement[] stack, KieBase rules) {
        for (StackTraceElement frame : stack) {
            String className = frame.getClassName();
            Matcher m = RULE_CLASS.matcher(className.substring(className.lastIndexOf('.') + 1));
            if (m.matches()) {
                for (KiePackage pkg : rules.getKiePackages()) {
                    for (Rule rule : pkg.getRules()) {
                        if (javaName(rule.getName()).equals(m.group(1))) {
                            return rule;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static Rule byName(String name, KieBase rules) {
        for (KiePackage pkg : rules.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule.getName().equals(name)) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** A rule name as the compiler turns it into a class name: every character not allowed there becomes '_'. */
    private static String javaName(String ruleName) {
        StringBuilder out = new StringBuilder(ruleName.length());
        for (int i = 0; i < ruleName.length(); i++) {
            char c = ruleName.charAt(i);
            out.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        return out.toString();
    }
}
