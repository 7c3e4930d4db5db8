package org.claimscrub.reference;

import java.time.LocalDate;

/**
 * Fee schedule rows a user loaded (the CMS PFS relative value file) that take precedence over the shipped
 * fee-schedule.csv for the dates of service they cover.
 */
public interface FeeScheduleOverride {

    /** The row in force for the code on that date of service, or null when no loaded file covers them. */
    CodeReference row(String code, LocalDate dateOfService);
}
