package org.claimscrub.engine;

/** One problem found while loading the rules, located in its DRL file. */
public record RuleProblem(Level level, String file, int line, int column, String message) {

    public enum Level { ERROR, WARNING }

    public boolean isError() {
        return level == Level.ERROR;
    }

    /** "rules/x.drl:12:5: message" (column 1-based, 0 when unknown), the form editors and CI logs turn into links. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (level == Level.WARNING ? "warning: " : "") + message;
    }
}
