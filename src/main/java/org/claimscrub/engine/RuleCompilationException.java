package org.claimscrub.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rules folder does not compile, or a rule lacks what an edit needs; every problem is listed. */
public class RuleCompilationException extends Exception {
    private final List<RuleProblem> problems;

    public RuleCompilationException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
