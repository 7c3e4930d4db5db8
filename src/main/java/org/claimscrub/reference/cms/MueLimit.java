package org.claimscrub.reference.cms;

/**
 * One row of a CMS MUE table: the most units of a code CMS expects for one patient, one provider, one date.
 *
 * @param table the table it came from, named in findings
 */
public record MueLimit(String code, int value, MueAdjudication mai, String rationale, String table) {

    public boolean isPerLine() {
        return mai == MueAdjudication.LINE;
    }

    public boolean isPerDateOfService() {
        return mai.isPerDateOfService();
    }

    /** What to do about units over the limit, by MAI. */
    public String advice() {
        return switch (mai) {
            case LINE -> "Bill no more than " + value + " unit(s) on the line; if more distinct services were"
                    + " performed, report them on their own line with the modifier that shows why (e.g. 59, XS, 76,"
                    + " 91, RT/LT).";
            case POLICY -> "Reduce the units to " + value + ": units over a policy MUE are not paid, even on appeal.";
            case CLINICAL -> "Reduce the units to " + value + ", or, if more were medically necessary, keep them and"
                    + " be ready to appeal with the medical records.";
        };
    }
}
