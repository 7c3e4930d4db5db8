package org.claimscrub.reference.cms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The successive versions of one table (one kind, one setting): each is in force from its start date until the
 * day before the next one starts, the newest open-ended, the way each CMS quarter replaces the last. A version
 * with no start date (its rows carry their own dates) covers every date and must be the only one.
 */
final class Versions<T> {

    /** One version and the dates of service it covers; {@code through} is null when open-ended. */
    record Version<T>(LocalDate from, LocalDate through, T table) {

        boolean covers(LocalDate dateOfService) {
            return (from == null || !dateOfService.isBefore(from))
                    && (through == null || !dateOfService.isAfter(through));
        }
    }

    private final List<Version<T>> versions;

    private Versions(List<Version<T>> versions) {
        this.versions = List.copyOf(versions);
    }

    static <T> Versions<T> none() {
        return new Versions<>(List.of());
    }

    /**
     * @param starts each table with its start date (null: undated); two tables may not start on the same date
     * @param what   names the tables in an error, e.g. "practitioner MUE tables"
     */
    static <T> Versions<T> of(List<Dated<T>> starts, String what) throws CmsFileException {
        List<Dated<T>> sorted = new ArrayList<>(starts);
        boolean undated = sorted.stream().anyMatch(d -> d.from() == null);
        if (undated && sorted.size() > 1) {
            throw CmsFileException.option("several " + what + " were given but " + sorted.stream()
                    .filter(d -> d.from() == null).findFirst().orElseThrow().name()
                    + " has no date in its name: add @YYYY-MM-DD (first date of service it applies to) to each file");
        }
        sorted.sort(Comparator.comparing(Dated::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Version<T>> versions = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Dated<T> d = sorted.get(i);
            LocalDate through = null;
            if (i + 1 < sorted.size()) {
                Dated<T> next = sorted.get(i + 1);
                if (next.from().equals(d.from())) {
                    throw CmsFileException.option(d.name() + " and " + next.name() + " are both " + what
                            + " starting " + d.from() + ": give one table per period");
                }
                through = next.from().minusDays(1);
            }
            versions.add(new Version<>(d.from(), through, d.table()));
        }
        return new Versions<>(versions);
    }

    /** A table with the date it starts and a name for messages. */
    record Dated<T>(LocalDate from, String name, T table) {
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The version in force on that date of service, or null. */
    Version<T> inForce(LocalDate dateOfService) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            Version<T> v = versions.get(i);
            if (v.covers(dateOfService)) {
                return v;
            }
        }
        return null;
    }

    List<Version<T>> all() {
        return versions;
    }
}
