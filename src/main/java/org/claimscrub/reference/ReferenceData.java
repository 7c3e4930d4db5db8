package org.claimscrub.reference;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The reference tables the policy rules consult, keyed by procedure code. Read-only once loaded, so one
 * instance serves every rule session on every thread.
 */
public final class ReferenceData {
    private final Map<String, CodeReference> byCode;
    private final FeeScheduleOverride feeSchedule;

    public ReferenceData(Map<String, CodeReference> byCode) {
        this(Map.copyOf(byCode), null);
    }

    private ReferenceData(Map<String, CodeReference> byCode, FeeScheduleOverride feeSchedule) {
        this.byCode = byCode;
        this.feeSchedule = feeSchedule;
    }

    /** The same tables, with a user's fee schedule file taking precedence for the dates it covers. */
    public ReferenceData withFeeSchedule(FeeScheduleOverride override) {
        return new ReferenceData(byCode, override);
    }

    /** The code's reference row, or null when no table knows it (rules then stay quiet). */
    public CodeReference code(String code) {
        return byCode.get(code);
    }

    /**
     * The code's reference on a date of service: the shipped row, with the fee schedule indicators of a loaded
     * PFS file in force on that date taking precedence field by field (a blank PFS cell keeps the shipped value).
     * Label, effective and sunset dates and OPPS status always come from the shipped tables. Null when neither
     * knows the code.
     */
    public CodeReference code(String code, LocalDate dateOfService) {
        CodeReference shipped = byCode.get(code);
        CodeReference loaded = feeSchedule == null ? null : feeSchedule.row(code, dateOfService);
        if (loaded == null) {
            return shipped;
        }
        if (shipped == null) {
            return loaded;
        }
        return new CodeReference(code, shipped.label(), shipped.effectiveDate(), shipped.sunsetDate(),
                either(loaded.status(), shipped.status()), either(loaded.pcTc(), shipped.pcTc()),
                either(loaded.globalDays(), shipped.globalDays()),
                either(loaded.multipleProcedure(), shipped.multipleProcedure()),
                either(loaded.bilateral(), shipped.bilateral()), either(loaded.assistant(), shipped.assistant()),
                either(loaded.coSurgeon(), shipped.coSurgeon()), either(loaded.team(), shipped.team()),
                shipped.oppsStatus());
    }

    private static <T> T either(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    public Optional<String> label(String code) {
        // asked for most findings' messages: one look-up, no chain of Optionals
        CodeReference row = byCode.get(code);
        String label = row == null ? null : row.label();
        return label == null || label.isBlank() ? Optional.empty() : Optional.of(label);
    }

    public int size() {
        return byCode.size();
    }
}
