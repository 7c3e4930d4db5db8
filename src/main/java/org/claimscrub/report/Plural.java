package org.claimscrub.report;

/** Counts in words, with thousands separators and the right plural: "1 finding", "1,204 findings". */
public final class Plural {
    private Plural() {
    }

    /** @param noun the singular; the plural adds "s" (every noun the reports count does) */
    public static String of(long count, String noun) {
        return String.format("%,d %s", count, count == 1 ? noun : noun + "s");
    }
}
