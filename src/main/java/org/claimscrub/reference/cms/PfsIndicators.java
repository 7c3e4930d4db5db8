package org.claimscrub.reference.cms;

import org.claimscrub.reference.CodeReference;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/** The PFS indicators the edits read, by column name, to compare two files of one period. */
final class PfsIndicators {
    /** A column and its value in a row as CMS writes it (null when blank). */
    private record Indicator(String column, Function<CodeReference, String> value) {
    }

    private static final List<Indicator> READ = List.of(
            new Indicator("STATUS CODE", r -> r.status() == null ? null : r.status().code()),
            new Indicator("PCTC IND", r -> r.pcTc() == null ? null : r.pcTc().code()),
            new Indicator("GLOB DAYS", r -> r.globalDays() == null ? null : r.globalDays().code()),
            new Indicator("MULT PROC", r -> r.multipleProcedure() == null ? null : r.multipleProcedure().code()),
            new Indicator("BILAT SURG", r -> r.bilateral() == null ? null : r.bilateral().code()),
            new Indicator("ASST SURG", r -> r.assistant() == null ? null : r.assistant().code()),
            new Indicator("CO SURG", r -> r.coSurgeon() == null ? null : r.coSurgeon().code()),
            new Indicator("TEAM SURG", r -> r.team() == null ? null : r.team().code()));

    private PfsIndicators() {
    }

    /**
     * The first difference between two files' rows (codes in order): "88305 (GLOB DAYS XXX in the first file,
     * 000 in the second)" or "0001A (listed in the first file only)"; null when they agree on every code.
     */
    static String disagreement(Map<String, CodeReference> first, Map<String, CodeReference> second) {
        TreeSet<String> codes = new TreeSet<>(first.keySet());
        codes.addAll(second.keySet());
        for (String code : codes) {
            CodeReference a = first.get(code);
            CodeReference b = second.get(code);
            if (a == null || b == null) {
                return code + " (listed in the " + (a == null ? "second" : "first") + " file only)";
            }
            for (Indicator indicator : READ) {
                String x = indicator.value().apply(a);
                String y = indicator.value().apply(b);
                if (!Objects.equals(x, y)) {
                    return code + " (" + indicator.column() + " " + text(x) + " in the first file, " + text(y)
                            + " in the second)";
                }
            }
        }
        return null;
    }

    private static String text(String value) {
        return value == null ? "blank" : value;
    }
}
