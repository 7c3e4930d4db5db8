package org.claimscrub.reference;

import java.time.LocalDate;

/**
 * What the reference tables say about one procedure code. Any indicator may be null: unknown means
 * "no edit", never a guessed value.
 *
 * @param effectiveDate first date of service the code may be billed, or null when not tracked
 * @param sunsetDate    first date of service the code may no longer be billed, or null when open-ended
 */
public record CodeReference(
        String code,
        String label,
        LocalDate effectiveDate,
        LocalDate sunsetDate,
        StatusCode status,
        PcTcIndicator pcTc,
        GlobalDays globalDays,
        MultipleProcedureIndicator multipleProcedure,
        BilateralIndicator bilateral,
        AssistantIndicator assistant,
        CoSurgeonIndicator coSurgeon,
        TeamIndicator team,
        OppsStatusIndicator oppsStatus) {

    /** The row of a code no table knows: every value blank, so it raises no reference edit. */
    public static CodeReference unknown(String code) {
        return new CodeReference(code, "", null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isBefore(LocalDate dateOfService) {
        return effectiveDate != null && dateOfService.isBefore(effectiveDate);
    }

    public boolean isSunsetOn(LocalDate dateOfService) {
        return sunsetDate != null && !dateOfService.isBefore(sunsetDate);
    }

    public boolean isAddOn() {
        return globalDays == GlobalDays.ADD_ON;
    }
}
