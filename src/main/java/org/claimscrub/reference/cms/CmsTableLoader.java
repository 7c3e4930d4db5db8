package org.claimscrub.reference.cms;

import org.claimscrub.model.ReferenceFile;
import org.claimscrub.reference.CodeReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads the CMS tables named on the command line ({@code FILE} or {@code FILE@YYYY-MM-DD}) into
 * {@link CmsTables}. Every file is read and checked before anything else happens, so a bad file stops the run
 * before any output. Each table is in force from the date in its CMS file name (or the {@code @} date) until
 * the next loaded table of the same kind and setting starts.
 */
public final class CmsTableLoader {

    /** The table files of one run, as given on the command line; empty lists and nulls mean "not loaded". */
    public record Request(List<String> mue, List<String> ptp, String aoc, List<String> pfs) {

        public Request {
            mue = mue == null ? List.of() : List.copyOf(mue);
            ptp = ptp == null ? List.of() : List.copyOf(ptp);
            pfs = pfs == null ? List.of() : List.copyOf(pfs);
        }

        public boolean isEmpty() {
            return mue.isEmpty() && ptp.isEmpty() && aoc == null && pfs.isEmpty();
        }

        /**
         * Every table file in a folder, each kind told by its CMS file name: {@code MCR_MUE_*} MUE,
         * {@code ccipra-*} and {@code ccioph-*} PTP, {@code PPRRVU*} fee schedule, {@code AOC*} add-on code edits.
         * Rule test cases keep their tables this way.
         */
        public static Request fromFolder(Path folder) throws CmsFileException {
            List<String> mue = new ArrayList<>();
            List<String> ptp = new ArrayList<>();
            String aoc = null;
            List<String> pfs = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().toUpperCase(Locale.ROOT);
                    if (name.startsWith("MCR_MUE_")) {
                        mue.add(file.toString());
                    } else if (name.startsWith("CCIPRA-") || name.startsWith("CCIOPH-")) {
                        ptp.add(file.toString());
                    } else if (name.startsWith("PPRRVU")) {
                        pfs.add(file.toString());
                    } else if (name.startsWith("AOC") && aoc == null) {
                        aoc = file.toString();
                    } else {
                        throw CmsFileException.of(file, "not a CMS table file name this folder may hold"
                                + " (MCR_MUE_*, ccipra-*, ccioph-*, PPRRVU*, one AOC*)");
                    }
                }
            } catch (IOException e) {
                throw CmsFileException.of(folder, "cannot list the table files: " + e.getMessage());
            }
            return new Request(mue, ptp, aoc, pfs);
        }
    }

    public CmsTables load(Request request) throws CmsFileException {
        if (request.isEmpty()) {
            return CmsTables.NONE;
        }
        refuseRepeats(request);
        List<ReferenceFile> files = new ArrayList<>();
        Map<CmsSetting, Versions<Loaded<MueTable>>> mue = loadMue(request.mue(), files);
        Map<CmsSetting, Versions<Loaded<PtpIndex>>> ptp = loadPtp(request.ptp(), files);
        Versions<Loaded<AddOnTable>> aoc = Versions.none();
        if (request.aoc() != null) {
            TableSource source = existing(request.aoc());
            AocReader.Result result = new AocReader().read(source.file());
            LocalDate from = source.from() != null ? source.from() : FileNamePeriods.quarter(source.name());
            aoc = versions(ReferenceFile.Kind.AOC, "add-on code edit tables", List.of(new Versions.Dated<>(from,
                    source.name(), new Loaded<>(result.table(), List.of(new Loaded.FileFacts(source.name(), "",
                    result.rows(), result.sha256()))))), files);
        }
        List<String> notes = new ArrayList<>();
        Versions<Loaded<Map<String, CodeReference>>> pfs = request.pfs().isEmpty() ? Versions.none()
                : versions(ReferenceFile.Kind.PFS, "fee schedule files", loadPfs(request.pfs(), notes), files);
        return new CmsTables(mue, ptp, aoc, pfs, files, notes);
    }

    /** One PFS file as read, with the period and variant its name (or @ date) gives. */
    private record PfsFile(TableSource source, LocalDate from, FileNamePeriods.PfsVariant variant,
                           PfsReader.Result result) {

        Loaded.FileFacts facts() {
            return new Loaded.FileFacts(source.name(), "", result.dataRows(), result.sha256());
        }
    }

    /**
     * Reads the PFS files, one table per period. Two files of one period must be the QPP and non-QPP files CMS
     * publishes since CY2026: they must agree on every indicator the edits read, and the non-QPP file is the one
     * used (both are listed as loaded). Any other two files of one period are refused.
     */
    private List<Versions.Dated<Loaded<Map<String, CodeReference>>>> loadPfs(List<String> specs, List<String> notes)
            throws CmsFileException {
        Map<LocalDate, List<PfsFile>> byPeriod = new LinkedHashMap<>();
        for (String spec : specs) {
            TableSource source = existing(spec);
            LocalDate from = dated(source, FileNamePeriods.pfs(source.name()), "PPRRVU2026_Jan_nonQPP.csv");
            PfsReader.Result result = new PfsReader().read(source.file());
            if (!result.notes().isEmpty()) {
                notes.add(source.name() + " looks re-saved by a spreadsheet; normalised " + String.join(", ",
                        result.notes()));
            }
            byPeriod.computeIfAbsent(from, k -> new ArrayList<>()).add(new PfsFile(source, from,
                    FileNamePeriods.pfsVariant(source.name()), result));
        }
        List<Versions.Dated<Loaded<Map<String, CodeReference>>>> dated = new ArrayList<>();
        for (List<PfsFile> period : byPeriod.values()) {
            PfsFile used = period.get(0);
            if (period.size() == 2) {
                used = qppPair(period.get(0), period.get(1));
            } else if (period.size() > 2) {
                throw CmsFileException.option(period.size() + " fee schedule files start " + used.from() + " ("
                        + String.join(", ", period.stream().map(f -> f.source().name()).toList())
                        + "): give one file per period, or its QPP and non-QPP pair");
            }
            List<Loaded.FileFacts> facts = period.stream().map(PfsFile::facts).toList();
            dated.add(new Versions.Dated<>(used.from(), used.source().name(), new Loaded<>(used.result().rows(),
                    facts)));
        }
        return dated;
    }

    /** The non-QPP file of a QPP / non-QPP pair, once both are shown to agree on what the edits read. */
    private static PfsFile qppPair(PfsFile a, PfsFile b) throws CmsFileException {
        PfsFile nonQpp = a.variant() == FileNamePeriods.PfsVariant.NON_QPP ? a : b;
        PfsFile qpp = nonQpp == a ? b : a;
        if (nonQpp.variant() != FileNamePeriods.PfsVariant.NON_QPP || qpp.variant() != FileNamePeriods.PfsVariant.QPP) {
            throw CmsFileException.option(a.source().name() + " and " + b.source().name() + " are both fee schedule"
                    + " files starting " + a.from() + ": give one file per period, or the QPP and non-QPP files of"
                    + " one release (names ending _QPP and _nonQPP)");
        }
        String disagreement = PfsIndicators.disagreement(qpp.result().rows(), nonQpp.result().rows());
        if (disagreement != null) {
            throw CmsFileException.option(qpp.source().name() + " and " + nonQpp.source().name() + " (the QPP and"
                    + " non-QPP files of " + a.from() + ") disagree on " + disagreement + "; CMS publishes the same"
                    + " indicators in both, so one of the downloads is not what it seems: give the files of one"
                    + " release, or only the non-QPP file");
        }
        return nonQpp;
    }

    private Map<CmsSetting, Versions<Loaded<MueTable>>> loadMue(List<String> specs, List<ReferenceFile> files)
            throws CmsFileException {
        Map<CmsSetting, List<Versions.Dated<Loaded<MueTable>>>> bySetting = new EnumMap<>(CmsSetting.class);
        for (String spec : specs) {
            TableSource source = existing(spec);
            LocalDate from = dated(source, FileNamePeriods.mue(source.name()),
                    "MCR_MUE_PractitionerServices_Eff_01-01-2025.csv");
            MueReader.Result result = new MueReader().read(source.file());
            CmsSetting setting = result.table().setting();
            bySetting.computeIfAbsent(setting, s -> new ArrayList<>()).add(new Versions.Dated<>(from, source.name(),
                    new Loaded<>(result.table(), List.of(new Loaded.FileFacts(source.name(), setting.label(),
                            result.rows(), result.sha256())))));
        }
        Map<CmsSetting, Versions<Loaded<MueTable>>> out = new EnumMap<>(CmsSetting.class);
        for (Map.Entry<CmsSetting, List<Versions.Dated<Loaded<MueTable>>>> e : bySetting.entrySet()) {
            out.put(e.getKey(), versions(ReferenceFile.Kind.MUE, e.getKey().label() + " MUE tables", e.getValue(),
                    files));
        }
        return out;
    }

    /** One PTP file group: the files of one setting and quarter (f1..f4), read into one index. */
    private static final class PtpGroup {
        final FileNamePeriods.PtpVersion version;
        final LocalDate from;
        final PtpIndex.Builder builder = new PtpIndex.Builder();
        final List<Loaded.FileFacts> files = new ArrayList<>();

        PtpGroup(FileNamePeriods.PtpVersion version, LocalDate from) {
            this.version = version;
            this.from = from;
        }
    }

    private Map<CmsSetting, Versions<Loaded<PtpIndex>>> loadPtp(List<String> specs, List<ReferenceFile> files)
            throws CmsFileException {
        Map<String, PtpGroup> groups = new LinkedHashMap<>();
        for (String spec : specs) {
            TableSource source = existing(spec);
            FileNamePeriods.PtpVersion version = FileNamePeriods.ptp(source.name());
            if (version == null) {
                throw CmsFileException.of(source.file(), "expected a CMS PTP file name such as"
                        + " ccipra-v311r0-f1.txt (practitioner) or ccioph-v311r0-f1.txt (hospital): the name tells"
                        + " which claims the edits apply to; keep the name CMS gives the file");
            }
            LocalDate from = dated(source, version.from(), "ccipra-v311r0-f1.txt");
            PtpGroup group = groups.computeIfAbsent(version.setting() + "@" + from, k -> new PtpGroup(version, from));
            if (group.version.revision() != version.revision() || !group.version.version().equals(version.version())) {
                throw CmsFileException.option(source.name() + " is version " + version.version() + " revision "
                        + version.revision() + " but another " + version.setting().label() + " PTP file for "
                        + from + " is version " + group.version.version() + " revision " + group.version.revision()
                        + ": give the files of one release");
            }
            PtpReader.Result result = new PtpReader().read(source.file(), group.builder);
            group.files.add(new Loaded.FileFacts(source.name(), version.setting().label(), result.rows(),
                    result.sha256()));
        }
        Map<CmsSetting, List<Versions.Dated<Loaded<PtpIndex>>>> bySetting = new EnumMap<>(CmsSetting.class);
        for (PtpGroup group : groups.values()) {
            String name = (group.version.setting() == CmsSetting.PRACTITIONER ? "ccipra" : "ccioph") + " v"
                    + group.version.version() + "r" + group.version.revision();
            bySetting.computeIfAbsent(group.version.setting(), s -> new ArrayList<>()).add(new Versions.Dated<>(
                    group.from, name, new Loaded<>(group.builder.build(name), group.files)));
        }
        Map<CmsSetting, Versions<Loaded<PtpIndex>>> out = new EnumMap<>(CmsSetting.class);
        for (Map.Entry<CmsSetting, List<Versions.Dated<Loaded<PtpIndex>>>> e : bySetting.entrySet()) {
            out.put(e.getKey(), versions(ReferenceFile.Kind.PTP, e.getKey().label() + " PTP tables", e.getValue(),
                    files));
        }
        return out;
    }

    /** Orders the versions and records each file with the period its table is in force. */
    private static <T> Versions<Loaded<T>> versions(ReferenceFile.Kind kind, String what,
                                                    List<Versions.Dated<Loaded<T>>> dated,
                                                    List<ReferenceFile> files) throws CmsFileException {
        Versions<Loaded<T>> versions = Versions.of(dated, what);
        for (Versions.Version<Loaded<T>> v : versions.all()) {
            for (Loaded.FileFacts f : v.table().files()) {
                files.add(new ReferenceFile(kind, f.setting(), f.name(), v.from(), v.through(), f.rows(),
                        f.sha256()));
            }
        }
        return versions;
    }

    /** The same file twice would count its rows twice (PTP) or clash with itself (MUE). */
    private static void refuseRepeats(Request request) throws CmsFileException {
        List<String> specs = new ArrayList<>(request.mue());
        specs.addAll(request.ptp());
        Map<Path, String> seen = new HashMap<>();
        for (String spec : specs) {
            Path file = TableSource.parse(spec).file().toAbsolutePath().normalize();
            String previous = seen.putIfAbsent(file, spec);
            if (previous != null) {
                throw CmsFileException.option(file + " is given twice (" + previous + ", " + spec
                        + "): give each table file once");
            }
        }
    }

    private static TableSource existing(String spec) throws CmsFileException {
        TableSource source = TableSource.parse(Objects.requireNonNull(spec));
        if (!Files.isRegularFile(source.file())) {
            throw CmsFileException.of(source.file(), "file not found");
        }
        return source;
    }

    private static LocalDate dated(TableSource source, LocalDate fromName, String example) throws CmsFileException {
        if (source.from() != null) {
            return source.from();
        }
        if (fromName == null) {
            throw CmsFileException.of(source.file(), "cannot tell from which date of service this table applies:"
                    + " expected the CMS file name (e.g. " + example + "), or add @YYYY-MM-DD to the option");
        }
        return fromName;
    }
}
