package org.claimscrub.reference.cms;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.ReferenceFile;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.FeeScheduleOverride;
import org.claimscrub.reference.ReferenceData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The CMS edit tables a user loaded (MUE, PTP, add-on code edits, PFS), each in its versions by date of
 * service. Rules reach it through the {@code cms} global and ask about the lines they match; the tables are
 * never inserted into a session. Read-only once loaded, so one instance serves every session and thread.
 * With nothing loaded every lookup answers null and no CMS edit fires.
 */
public final class CmsTables implements FeeScheduleOverride {
    public static final CmsTables NONE = new CmsTables(Map.of(), Map.of(), Versions.none(), Versions.none(),
            List.of(), List.of());

    private static final List<CmsSetting> INSTITUTIONAL_MUE = List.of(CmsSetting.OUTPATIENT_HOSPITAL);
    private static final List<CmsSetting> PROFESSIONAL_MUE = List.of(CmsSetting.PRACTITIONER, CmsSetting.DME);

    private final Map<CmsSetting, Versions<Loaded<MueTable>>> mue;
    private final Map<CmsSetting, Versions<Loaded<PtpIndex>>> ptp;
    private final Versions<Loaded<AddOnTable>> aoc;
    private final Versions<Loaded<Map<String, CodeReference>>> pfs;
    private final List<ReferenceFile> files;
    private final List<String> notes;
    private final CmsTablesLoaded loaded;

    CmsTables(Map<CmsSetting, Versions<Loaded<MueTable>>> mue, Map<CmsSetting, Versions<Loaded<PtpIndex>>> ptp,
              Versions<Loaded<AddOnTable>> aoc, Versions<Loaded<Map<String, CodeReference>>> pfs,
              List<ReferenceFile> files, List<String> notes) {
        this.mue = mue.isEmpty() ? Map.of() : new EnumMap<>(mue);
        this.ptp = ptp.isEmpty() ? Map.of() : new EnumMap<>(ptp);
        this.aoc = aoc;
        this.pfs = pfs;
        this.files = List.copyOf(files);
        this.notes = List.copyOf(notes);
        this.loaded = this.mue.isEmpty() && this.ptp.isEmpty() && aoc.isEmpty() && pfs.isEmpty() ? null
                : new CmsTablesLoaded(!this.mue.isEmpty(), !this.ptp.isEmpty(), !aoc.isEmpty(), !pfs.isEmpty());
    }

    /** The fact that gates the CMS rules, or null when no table is loaded (the rules then stay unlinked). */
    public CmsTablesLoaded loaded() {
        return loaded;
    }

    /** The files loaded, for the report and a run manifest, by kind then setting then date. */
    public List<ReferenceFile> files() {
        return files;
    }

    /**
     * What loading changed in the files, one sentence per file, for the console: values of a spreadsheet re-save
     * whose zero padding was restored. Empty for files as CMS publishes them.
     */
    public List<String> notes() {
        return notes;
    }

    /** The shipped reference data, with the loaded PFS file taking precedence where it applies. */
    public ReferenceData applyTo(ReferenceData reference) {
        return pfs.isEmpty() ? reference : reference.withFeeSchedule(this);
    }

    /**
     * The MUE for the line's code in the table in force on its date of service: the outpatient hospital table
     * for institutional claims, the practitioner table (then the DME supplier table) for professional claims.
     */
    public MueLimit mue(ClaimLine line) {
        for (CmsSetting setting : mueSettings(line)) {
            Versions.Version<Loaded<MueTable>> version = inForce(mue.get(setting), line.dateOfService());
            MueLimit limit = version == null ? null : version.table().table().limit(line.code());
            if (limit != null) {
                return limit;
            }
        }
        return null;
    }

    /**
     * The PTP edit that makes the second line's code a column 2 code of the first line's code, in force on the
     * date of service (effective through deletion, inclusive), from the practitioner table for professional
     * claims and the hospital table for institutional ones. Null when none, or when its modifier indicator is 9
     * (not applied).
     */
    public PtpEdit ptp(ClaimLine column1, ClaimLine column2) {
        Versions.Version<Loaded<PtpIndex>> version = inForce(ptp.get(ptpSetting(column2)),
                column2.dateOfService());
        if (version == null) {
            return null;
        }
        PtpEdit edit = version.table().table().find(column1.code(), column2.code(), column2.dateOfService());
        return edit == null || edit.modifierIndicator() == PtpModifierIndicator.NOT_APPLICABLE ? null : edit;
    }

    /**
     * Whether the PTP table in force for the line names its code in either column: a cheap filter, so the rules
     * pair up only lines that can be in an edit (none at all when no PTP table is loaded).
     */
    public boolean ptpKnows(ClaimLine line) {
        Versions.Version<Loaded<PtpIndex>> version = inForce(ptp.get(ptpSetting(line)), line.dateOfService());
        return version != null && version.table().table().knows(line.code());
    }

    /** The add-on code edit for the line's code on its date of service, or null when it is no add-on then. */
    public AddOnEdit addOn(ClaimLine line) {
        Versions.Version<Loaded<AddOnTable>> version = inForce(aoc, line.dateOfService());
        return version == null ? null : version.table().table().edit(line.code(), line.dateOfService());
    }

    @Override
    public CodeReference row(String code, LocalDate dateOfService) {
        Versions.Version<Loaded<Map<String, CodeReference>>> version = inForce(pfs, dateOfService);
        return version == null ? null : version.table().table().get(code);
    }

    /**
     * Why the tables the user loaded could not check this line, or null when they could. A kind of table
     * (MUE, PTP, fee schedule) with no table of the claim's setting, or none in force on the date of service,
     * skipped the line: always reported. A code that no loaded table in force knows (likely new, invalid or
     * mistyped) is reported with each kind that has no row for it; a code some loaded table knows is not, since
     * a code absent from the PTP table has no pair edits, and one absent from the MUE table has no published
     * MUE. The add-on code edit table is not asked (a code it does not list is simply no add-on); for the fee
     * schedule a code the shipped tables know counts as known.
     */
    public NotChecked notChecked(ClaimLine line, ReferenceData reference) {
        List<String> skipped = new ArrayList<>();
        List<String> noRow = new ArrayList<>();
        boolean known = false;
        if (!mue.isEmpty()) {
            known |= check("MUE", mueSettings(line), mue, line, (t, code) -> t.limit(code) != null, skipped, noRow);
        }
        if (!ptp.isEmpty()) {
            known |= check("PTP", List.of(ptpSetting(line)), ptp, line, PtpIndex::knows, skipped, noRow);
        }
        if (!pfs.isEmpty()) {
            CodeReference shipped = reference.code(line.code());
            if (inForce(pfs, line.dateOfService()) == null) {
                skipped.add("the fee schedule (no loaded PFS file covers " + line.dateOfService() + ")");
            } else if (row(line.code(), line.dateOfService()) != null || shipped != null && shipped.status() != null) {
                known = true;
            } else {
                noRow.add("the fee schedule (no row for the code)");
            }
        }
        List<String> gaps = new ArrayList<>(skipped);
        if (!known) {
            gaps.addAll(noRow);
        }
        return gaps.isEmpty() ? null : new NotChecked(gaps);
    }

    private interface Knows<T> {
        boolean knows(T table, String code);
    }

    /** Notes a skipped kind or a missing row; returns whether a table of the kind in force knows the code. */
    private static <T> boolean check(String kind, List<CmsSetting> settings,
                                     Map<CmsSetting, Versions<Loaded<T>>> tables, ClaimLine line, Knows<T> knows,
                                     List<String> skipped, List<String> noRow) {
        boolean loaded = false;
        boolean covered = false;
        for (CmsSetting setting : settings) {
            Versions<Loaded<T>> versions = tables.get(setting);
            if (versions == null) {
                continue;
            }
            loaded = true;
            Versions.Version<Loaded<T>> version = versions.inForce(line.dateOfService());
            if (version == null) {
                continue;
            }
            covered = true;
            if (knows.knows(version.table().table(), line.code())) {
                return true;
            }
        }
        String setting = settings.get(0).label();
        if (!loaded) {
            skipped.add("the " + kind + " table (no " + setting + " table loaded)");
        } else if (!covered) {
            skipped.add("the " + kind + " table (no loaded " + setting + " table covers " + line.dateOfService() + ")");
        } else {
            noRow.add("the " + kind + " table (no row for the code)");
        }
        return false;
    }

    /**
     * A sentence for an MUE finding on an add-on code, whose units follow its primary's (one add-on unit per
     * primary unit): when the primary has more units than the MUE, the two rules disagree. Empty otherwise.
     */
    public String addOnClash(ClaimLine line, MueLimit limit, ReferenceData reference) {
        CodeReference ref = reference.code(line.code(), line.dateOfService());
        AddOnEdit edit = addOn(line);
        if ((ref == null || !ref.isAddOn()) && edit == null) {
            return "";
        }
        String primary = edit == null || edit.primaries().isEmpty() ? "its primary" : edit.primaryList();
        String then = switch (limit.mai()) {
            case LINE -> "report the units over the MUE on another line with the modifier that shows a distinct"
                    + " service, if they were";
            case POLICY -> "the units over the MUE will not be paid, even on appeal";
            case CLINICAL -> "bill the units performed and appeal the denial with the records that support them";
        };
        return " Note: " + line.code() + " is an add-on code, reported one unit per unit of " + primary + "; when "
                + primary + " is billed for more than " + limit.value() + " unit(s), that rule and this MUE"
                + " disagree: " + then + ".";
    }

    /** Institutional claims: the outpatient hospital table; professional: practitioner, then DME supplier. */
    private static List<CmsSetting> mueSettings(ClaimLine line) {
        return line.claimType() == ClaimType.INSTITUTIONAL ? INSTITUTIONAL_MUE : PROFESSIONAL_MUE;
    }

    /** Institutional claims: the hospital (ccioph) table; professional: the practitioner (ccipra) table. */
    private static CmsSetting ptpSetting(ClaimLine line) {
        return line.claimType() == ClaimType.INSTITUTIONAL ? CmsSetting.OUTPATIENT_HOSPITAL : CmsSetting.PRACTITIONER;
    }

    private static <T> Versions.Version<T> inForce(Versions<T> versions, LocalDate dateOfService) {
        return versions == null ? null : versions.inForce(dateOfService);
    }
}
