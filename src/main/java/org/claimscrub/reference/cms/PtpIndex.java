package org.claimscrub.reference.cms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact, read-only index of one PTP table (millions of rows). Codes are interned to small integers and each
 * column 1 / column 2 pair packed into one long; rows are kept sorted by pair in parallel primitive arrays
 * (15 bytes a row) and found by binary search within the run of the column 1 code (an offset table gives where
 * each run starts, so a search touches a few cache lines). Dates are days since 1970-01-01 in a char. Safe to
 * share across threads once built.
 */
final class PtpIndex {
    /** Deletion day of an edit that is not deleted. */
    static final char OPEN = Character.MAX_VALUE;
    static final int CODE_BITS = 19;
    static final int ROW_BITS = 25;
    static final int MAX_CODES = 1 << CODE_BITS;
    static final int MAX_ROWS = 1 << ROW_BITS;

    private final String table;
    private final Map<String, Integer> codeIds;
    private final long[] pairs;
    /** Row where each column 1 code's run starts, by code id; one more entry closes the last run. */
    private final int[] column1Start;
    private final char[] effective;
    private final char[] deletion;
    private final byte[] modifierIndicator;
    private final char[] rationale;
    private final String[] rationales;

    private PtpIndex(String table, Map<String, Integer> codeIds, long[] pairs, char[] effective, char[] deletion,
                     byte[] modifierIndicator, char[] rationale, String[] rationales) {
        this.table = table;
        this.codeIds = codeIds;
        this.pairs = pairs;
        this.column1Start = column1Starts(pairs, codeIds.size());
        this.effective = effective;
        this.deletion = deletion;
        this.modifierIndicator = modifierIndicator;
        this.rationale = rationale;
        this.rationales = rationales;
    }

    /**
     * The edit for that column 1 / column 2 pair in force on the date of service (effective through deletion,
     * both inclusive), or null. When rows overlap, the strictest modifier indicator wins.
     */
    PtpEdit find(String column1, String column2, LocalDate dateOfService) {
        Integer id1 = codeIds.get(column1);
        Integer id2 = codeIds.get(column2);
        if (id1 == null || id2 == null) {
            return null;
        }
        long key = pair(id1, id2);
        long day = dateOfService.toEpochDay();
        int best = -1;
        int end = column1Start[id1 + 1];
        for (int i = lowerBound(key, column1Start[id1], end); i < end && pairs[i] == key; i++) {
            boolean inForce = effective[i] <= day && (deletion[i] == OPEN || day <= deletion[i]);
            if (inForce && (best < 0 || indicator(i).strictness() > indicator(best).strictness())) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        LocalDate deleted = deletion[best] == OPEN ? null : LocalDate.ofEpochDay(deletion[best]);
        return new PtpEdit(column1, column2, LocalDate.ofEpochDay(effective[best]), deleted, indicator(best),
                rationales[rationale[best]], table);
    }

    /** Whether the code appears in any row, in either column. */
    boolean knows(String code) {
        return codeIds.containsKey(code);
    }

    int size() {
        return pairs.length;
    }

    /** Bytes held by the row arrays (the code and rationale dictionaries are a few MB at most on top). */
    long rowBytes() {
        return (long) pairs.length * (Long.BYTES + Character.BYTES * 3 + Byte.BYTES)
                + (long) column1Start.length * Integer.BYTES;
    }

    int codes() {
        return codeIds.size();
    }

    private PtpModifierIndicator indicator(int row) {
        return PtpModifierIndicator.values()[modifierIndicator[row]];
    }

    private static int[] column1Starts(long[] pairs, int codes) {
        int[] starts = new int[codes + 1];
        int row = 0;
        for (int id = 0; id <= codes; id++) {
            while (row < pairs.length && (pairs[row] >>> CODE_BITS) < id) {
                row++;
            }
            starts[id] = row;
        }
        return starts;
    }

    private int lowerBound(long key, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pairs[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long pair(int id1, int id2) {
        return ((long) id1 << CODE_BITS) | id2;
    }

    /** Collects rows in file order, then sorts them once. Not thread-safe. */
    static final class Builder {
        private final Map<String, Integer> codeIds = new HashMap<>();
        private final Map<String, Integer> rationaleIds = new HashMap<>();
        private final List<String> rationales = new ArrayList<>();
        private long[] pairs = new long[1 << 16];
        private char[] effective = new char[1 << 16];
        private char[] deletion = new char[1 << 16];
        private byte[] modifierIndicator = new byte[1 << 16];
        private char[] rationale = new char[1 << 16];
        private int size;

        /** Null when added; else why the row cannot be held (the index is full). */
        String add(String column1, String column2, char effectiveDay, char deletionDay,
                   PtpModifierIndicator indicator, String rationaleText) {
            if (size == MAX_ROWS) {
                return "more than " + MAX_ROWS + " rows in one table";
            }
            Integer id1 = id(column1);
            Integer id2 = id(column2);
            Integer why = rationaleIds.get(rationaleText);
            if (why == null) {
                if (rationales.size() == Character.MAX_VALUE) {
                    return "more than " + (int) Character.MAX_VALUE + " distinct rationale texts";
                }
                why = rationales.size();
                rationales.add(rationaleText);
                rationaleIds.put(rationaleText, why);
            }
            if (id1 == null || id2 == null) {
                return "more than " + MAX_CODES + " distinct codes";
            }
            if (size == pairs.length) {
                grow();
            }
            pairs[size] = pair(id1, id2);
            effective[size] = effectiveDay;
            deletion[size] = deletionDay;
            modifierIndicator[size] = (byte) indicator.ordinal();
            rationale[size] = (char) (int) why;
            size++;
            return null;
        }

        int size() {
            return size;
        }

        private Integer id(String code) {
            Integer id = codeIds.get(code);
            if (id == null) {
                if (codeIds.size() == MAX_CODES) {
                    return null;
                }
                id = codeIds.size();
                codeIds.put(code, id);
            }
            return id;
        }

        private void grow() {
            int capacity = size + (size >> 1);
            pairs = Arrays.copyOf(pairs, capacity);
            effective = Arrays.copyOf(effective, capacity);
            deletion = Arrays.copyOf(deletion, capacity);
            modifierIndicator = Arrays.copyOf(modifierIndicator, capacity);
            rationale = Arrays.copyOf(rationale, capacity);
        }

        /** Sorts by pair (one primitive sort of pair and row number packed together) and trims the arrays. */
        PtpIndex build(String table) {
            long[] sorted = new long[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = (pairs[i] << ROW_BITS) | i;
            }
            Arrays.sort(sorted);
            long[] outPairs = new long[size];
            char[] outEffective = new char[size];
            char[] outDeletion = new char[size];
            byte[] outIndicator = new byte[size];
            char[] outRationale = new char[size];
            long rowMask = (1L << ROW_BITS) - 1;
            for (int i = 0; i < size; i++) {
                int row = (int) (sorted[i] & rowMask);
                outPairs[i] = sorted[i] >>> ROW_BITS;
                outEffective[i] = effective[row];
                outDeletion[i] = deletion[row];
                outIndicator[i] = modifierIndicator[row];
                outRationale[i] = rationale[row];
            }
            return new PtpIndex(table, Map.copyOf(codeIds), outPairs, outEffective, outDeletion, outIndicator,
                    outRationale, rationales.toArray(String[]::new));
        }
    }
}
