package org.claimscrub.reference.cms;

import org.claimscrub.model.Modifiers;

import java.time.LocalDate;

/**
 * One NCCI PTP edit in force: column 2 code is not paid with the column 1 code for the same patient, provider
 * and date, unless the modifier indicator allows an NCCI-associated modifier to bypass it.
 *
 * @param deletion last date of service the edit applies, or null when not deleted
 * @param table    the file it came from, named in findings
 */
public record PtpEdit(String column1, String column2, LocalDate effective, LocalDate deletion,
                      PtpModifierIndicator modifierIndicator, String rationale, String table) {

    /** Modifier indicator 1 and an NCCI-associated modifier on either line; indicator 0 is never bypassed. */
    public boolean bypassedBy(Modifiers column1Modifiers, Modifiers column2Modifiers) {
        return modifierIndicator == PtpModifierIndicator.ALLOWED
                && (NcciModifiers.ptpBypass(column1Modifiers) != null
                || NcciModifiers.ptpBypass(column2Modifiers) != null);
    }

    public boolean isModifierAllowed() {
        return modifierIndicator == PtpModifierIndicator.ALLOWED;
    }

    /** The rationale, or a stand-in when the file gave none. */
    public String rationaleText() {
        return rationale.isBlank() ? "no rationale given in the table" : rationale;
    }
}
