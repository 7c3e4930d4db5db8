package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A claim's line numbers must be unique: the first line with a number is kept, a later one is set aside.
 * One instance remembers every line it has seen, so a batch pipeline runs one per regrouping partition (a
 * claim's lines share a partition) to keep memory bounded.
 */
public final class DuplicateLineNumbers {
    static final String FIELD = "line_number";

    private final Set<Key> seen = new HashSet<>();

    private record Key(String claimId, int lineNumber) {
    }

    void check(ClaimLine line) throws FieldException {
        if (!seen.add(new Key(line.claimId(), line.lineNumber()))) {
            throw new FieldException(FIELD, reason(line));
        }
    }

    /**
     * Removes from {@code lines} (in input order) each line whose number its claim already used, and returns
     * the rejects for them, with an empty raw text that {@link CsvClaimReader#rawLines} can fill in.
     */
    public static List<Reject> setAside(List<ClaimLine> lines) {
        DuplicateLineNumbers check = new DuplicateLineNumbers();
        List<Reject> rejects = new ArrayList<>();
        lines.removeIf(line -> {
            if (check.seen.add(new Key(line.claimId(), line.lineNumber()))) {
                return false;
            }
            rejects.add(new Reject(line.source(), line.claimId(), FIELD, reason(line), ""));
            return true;
        });
        return rejects;
    }

    private static String reason(ClaimLine line) {
        return "line number " + line.lineNumber() + " appears twice in claim " + line.claimId()
                + "; the later line is set aside";
    }
}
