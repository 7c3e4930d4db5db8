package org.claimscrub.model;

/**
 * The kinds of edit claimscrub reports. Each carries the severity, the message and the source that a rule
 * uses unless its own metadata says otherwise, so the 43 per-code rules of a family say the same thing
 * in the same words. Names are stable: reports and downstream systems key on them.
 *
 * <p>Message templates name values in braces. Every finding can use {code}, {label}, {claim}, {line},
 * {dos}, {units} and {modifiers}; a rule adds its own (e.g. {primary}) when it raises the finding.
 */
public enum Category {
    ADDON_WITHOUT_PRIMARY(Severity.ERROR,
            "{code} ({label}) is an add-on code, but no {primary} was billed for this patient by this billing provider"
                    + " on {dos}, on this claim or any other claim in the batch. Add the {primary} line if it was"
                    + " performed that day, or remove {code}.",
            "CMS NCCI add-on code edits (type 1: payable only with a listed primary, same patient, provider and date);"
                    + " CAP 2023 digital pathology coding guidance; AAPC 2024 slide digitization coding alert"),
    ADDON_UNITS_EXCEED_PRIMARY(Severity.ERROR,
            "{code} is billed for {addonUnits} unit(s) on {dos} but its primary {primary} for only {primaryUnits};"
                    + " one digitization unit is reportable per unit of the primary. Reduce {code} to {primaryUnits}"
                    + " unit(s), or correct the {primary} units.",
            "CAP 2023 digital pathology FAQ and AAPC 2024 coding alert: one add-on unit per unit of its primary"),
    ADDON_PRIMARY_PROFESSIONAL_ONLY(Severity.WARNING,
            "{code} reports the technical work of scanning slides, but every {primary} line on {dos} is billed with"
                    + " modifier 26 (professional component only). Whoever scans the slides bills the add-on: confirm"
                    + " this provider scanned them and bills the technical or global {primary}, or remove {code}.",
            "CAP 2023 digital pathology FAQ (the add-on is billed by whoever digitizes); claimscrub review edit"),
    MODIFIER_NOT_ALLOWED(Severity.ERROR,
            "Modifier {modifier} is not allowed on {code}: {reason}. Remove modifier {modifier} before submission.",
            "CMS Physician Fee Schedule relative value file indicators (PC/TC, co-surgeon, team surgery)"),
    MODIFIER_REVIEW(Severity.WARNING,
            "Modifier {modifier} on {code} needs review: {reason}.",
            "CMS Physician Fee Schedule relative value file indicators (global days, bilateral, assistant at surgery)"),
    CODE_NOT_EFFECTIVE(Severity.ERROR,
            "{code} is not a valid code on {dos}. Check the date of service and the code.",
            "CPT Category III code effective and sunset dates (claimscrub reference table codes.csv)"),
    OPPS_PACKAGED(Severity.NOTICE,
            "{code} has OPPS status indicator {statusIndicator} ({statusMeaning}) on this hospital outpatient claim"
                    + " (type of bill {typeOfBill}): expect no separate APC payment. Keep the line; do not rebill it"
                    + " as a denial.",
            "CMS OPPS Addendum B status indicators (claimscrub reference table opps-status.csv)"),
    CARRIER_PRICED(Severity.NOTICE,
            "{code} has fee schedule status C: the Medicare contractor prices it, there are no national RVUs."
                    + " Attach what the contractor needs to price it: the report documenting the service and, for"
                    + " slide digitization, that the diagnosis was made from the digital image and why digitization"
                    + " was medically necessary.",
            "CMS Physician Fee Schedule relative value file, status code C"),
    DUPLICATE_LINE(Severity.WARNING,
            "Line {line} repeats line {otherLine} of claim {claim}: same code {code}, modifiers, date of service and"
                    + " units. Remove the duplicate; if the service really was repeated, add modifier 76, 77 or 91"
                    + " as applicable, or bill the units on one line.",
            "CMS Medicare Claims Processing Manual: duplicate claim line edits; claimscrub review edit"),
    MUE_EXCEEDED(Severity.ERROR,
            "{code} is billed for {billedUnits} unit(s) {counted}, over its medically unlikely edit (MUE) of {mue}"
                    + " unit(s) in {mueTable}. MAI {mai}: {maiMeaning}. {advice}{clash}",
            "CMS NCCI medically unlikely edits (MUE) and adjudication indicators, from the MUE table loaded"
                    + " with --mue"),
    PTP_CONFLICT(Severity.ERROR,
            "{code} is a column 2 code of {column1} (claim {column1Claim} line {column1Line}) for this patient and"
                    + " provider on {dos}: NCCI PTP edit in {ptpTable}, in force from {effective}{deleted}."
                    + " Rationale: {rationale}. {advice}",
            "CMS NCCI procedure-to-procedure (PTP) edits, from the PTP tables loaded with --ptp"),
    NOT_CHECKED(Severity.NOTICE,
            "{code} on {dos} was not checked against {tables}. Check its units, pairs and modifiers by hand, or"
                    + " load the CMS table that covers this code and date of service.",
            "claimscrub: lines the loaded CMS tables cannot check are listed rather than passed silently"),
    INPUT_FIELD_UNREADABLE(Severity.WARNING,
            "Line {line} of claim {claim}: the {fields} cell(s) could not be read and were left empty. No edit uses"
                    + " them, so the line was scrubbed, but the claim will not pass as billed: correct the cell(s)"
                    + " in the source system (input_file and input_line say where; the reader's reason is in the"
                    + " docs' bad-input table).",
            "claimscrub reader: a cell no edit needs is reported, never dropped in silence"),
    DOCUMENTATION(Severity.NOTICE,
            "{code}: {reason}.",
            "CAP 2023 digital pathology FAQ"),
    /** Raised by the engine, never by a rule: a rule threw while checking the visit this line opens. */
    SYSTEM(Severity.ERROR,
            "The edits could not be checked for this visit ({lines} line(s) on {dos}): {rule} failed with"
                    + " {error}. No other finding is reported for these lines. Review them by hand, or scrub them"
                    + " again once the rule is fixed, and report the failure to the rules owner.",
            "claimscrub engine: rule failure isolated to one visit");

    private final Severity defaultSeverity;
    private final String defaultMessage;
    private final String defaultSource;

    Category(Severity defaultSeverity, String defaultMessage, String defaultSource) {
        this.defaultSeverity = defaultSeverity;
        this.defaultMessage = defaultMessage;
        this.defaultSource = defaultSource;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    public String defaultSource() {
        return defaultSource;
    }
}
