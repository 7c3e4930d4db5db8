package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one visit in input order, shared by the visit's facts, with what the visit conditions ask of them
 * ({@link ServiceLine#visitBills} and the like). A small visit is scanned, which is cheapest; a large one is
 * indexed once by code and by service, so that each line's questions cost the same whatever the visit's size
 * (50,000 lines of one patient, provider and date were quadratic: every line scanned them all).
 */
final class VisitLines {
    /** Visits up to this many lines are scanned: the index costs more than it saves on them. */
    static final int SCAN_UP_TO = 16;

    private final List<ClaimLine> lines;
    /** Lines by code, in input order; null for a small visit. */
    private final Map<String, CodeLines> byCode;
    /** The first line of each service (see {@link #sameService}); null for a small visit. */
    private final Map<ServiceKey, ClaimLine> firstOfService;

    /** One code's lines of the visit and their units. */
    private record CodeLines(List<ClaimLine> lines, int units) {
    }

    /** What makes two lines the same service: claim, code, modifiers in any order, date and units. */
    private record ServiceKey(String claimId, String code, List<String> modifiers, LocalDate date, int units) {
        static ServiceKey of(ClaimLine l) {
            List<String> modifiers = l.modifiers().values();
            if (modifiers.size() > 1) {
                modifiers = new ArrayList<>(modifiers);
                Collections.sort(modifiers);
            }
            return new ServiceKey(l.claimId(), l.code(), modifiers, l.dateOfService(), l.units());
        }
    }

    /** @param lines every line of the visit, in input order */
    VisitLines(List<ClaimLine> lines) {
        this.lines = lines;
        if (lines.size() <= SCAN_UP_TO) {
            byCode = null;
            firstOfService = null;
            return;
        }
        Map<String, List<ClaimLine>> codes = new HashMap<>();
        Map<String, Integer> units = new HashMap<>();
        firstOfService = new HashMap<>(lines.size() * 2);
        for (ClaimLine line : lines) {
            codes.computeIfAbsent(line.code(), c -> new ArrayList<>()).add(line);
            units.merge(line.code(), line.units(), Integer::sum);
            firstOfService.putIfAbsent(ServiceKey.of(line), line);
        }
        byCode = new HashMap<>(codes.size() * 2);
        codes.forEach((code, ofCode) -> byCode.put(code, new CodeLines(ofCode, units.get(code))));
    }

    List<ClaimLine> all() {
        return lines;
    }

    /** The visit's lines of the code, in input order. */
    private List<ClaimLine> ofCode(String code) {
        if (byCode != null) {
            CodeLines found = byCode.get(code);
            return found == null ? List.of() : found.lines();
        }
        List<ClaimLine> out = new ArrayList<>(2);
        for (ClaimLine other : lines) {
            if (other.code().equals(code)) {
                out.add(other);
            }
        }
        return out;
    }

    boolean bills(String code) {
        if (byCode != null) {
            return byCode.containsKey(code);
        }
        for (ClaimLine other : lines) {
            if (other.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    int units(String code) {
        if (byCode != null) {
            CodeLines found = byCode.get(code);
            return found == null ? 0 : found.units();
        }
        int units = 0;
        for (ClaimLine other : lines) {
            if (other.code().equals(code)) {
                units += other.units();
            }
        }
        return units;
    }

    /** The first line of the code, in input order, or null. */
    ClaimLine firstOf(String code) {
        if (byCode != null) {
            CodeLines found = byCode.get(code);
            return found == null ? null : found.lines().get(0);
        }
        for (ClaimLine other : lines) {
            if (other.code().equals(code)) {
                return other;
            }
        }
        return null;
    }

    /** Whether the visit bills the code and every one of its lines of that code carries the modifier. */
    boolean billsOnlyWith(String code, String modifier) {
        List<ClaimLine> ofCode = ofCode(code);
        for (ClaimLine other : ofCode) {
            if (!other.modifiers().has(modifier)) {
                return false;
            }
        }
        return !ofCode.isEmpty();
    }

    /** The first earlier line of the visit that is the same service as this one, or null. */
    ClaimLine duplicateOf(ClaimLine line) {
        if (firstOfService != null) {
            ClaimLine first = firstOfService.get(ServiceKey.of(line));
            return first == null || first == line ? null : first;
        }
        for (ClaimLine other : lines) {
            if (other == line) {
                return null;
            }
            if (sameService(line, other)) {
                return other;
            }
        }
        return null;
    }

    /** Code and units first: they tell most lines of a visit apart, and the date is the visit's anyway. */
    static boolean sameService(ClaimLine a, ClaimLine b) {
        return a.code().equals(b.code()) && a.units() == b.units() && a.claimId().equals(b.claimId())
                && a.modifiers().sameSetAs(b.modifiers()) && a.dateOfService().equals(b.dateOfService());
    }
}
