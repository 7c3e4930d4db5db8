package org.claimscrub.reference.cms;

import org.claimscrub.model.Modifiers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The modifier lists the NCCI edits act on, from the CMS NCCI policy manual and MUE pages [CMS]:
 * <ul>
 *   <li>anatomic modifiers: E1-E4, FA, F1-F9, TA, T1-T9, LT, RT, LC, LD, LM, RC, RI;</li>
 *   <li>MUE: a line carrying 59, XE, XS, XP, XU, 76, 77, 91 or an anatomic modifier reports a distinct service
 *       and is held to an MAI 1 limit on its own;</li>
 *   <li>PTP: the NCCI-associated modifiers that bypass an edit with modifier indicator 1: the anatomic ones and
 *       24, 25, 27, 57, 58, 59, 78, 79, 91, XE, XS, XP, XU.</li>
 * </ul>
 * Static so that DRL can import the checks as functions.
 */
public final class NcciModifiers {
    private static final Set<String> ANATOMIC = anatomic();
    private static final Set<String> MUE_SPLIT = union(ANATOMIC, List.of("59", "XE", "XS", "XP", "XU", "76", "77",
            "91"));
    private static final Set<String> PTP_BYPASS = union(ANATOMIC, List.of("24", "25", "27", "57", "58", "59", "78",
            "79", "91", "XE", "XS", "XP", "XU"));

    private NcciModifiers() {
    }

    /** Whether the line reports a distinct service that an MAI 1 edit judges on its own. */
    public static boolean splitsMueLine(Modifiers modifiers) {
        return firstOf(modifiers, MUE_SPLIT) != null;
    }

    /** The first NCCI-associated modifier on the line, or null. */
    public static String ptpBypass(Modifiers modifiers) {
        return firstOf(modifiers, PTP_BYPASS);
    }

    private static String firstOf(Modifiers modifiers, Set<String> wanted) {
        for (String m : modifiers.values()) {
            if (wanted.contains(m)) {
                return m;
            }
        }
        return null;
    }

    private static Set<String> anatomic() {
        Set<String> set = new HashSet<>(List.of("FA", "TA", "LT", "RT", "LC", "LD", "LM", "RC", "RI"));
        for (int i = 1; i <= 9; i++) {
            set.add("F" + i);
            set.add("T" + i);
            if (i <= 4) {
                set.add("E" + i);
            }
        }
        return Set.copyOf(set);
    }

    private static Set<String> union(Set<String> base, List<String> more) {
        Set<String> set = new HashSet<>(base);
        set.addAll(more);
        return Set.copyOf(set);
    }
}
