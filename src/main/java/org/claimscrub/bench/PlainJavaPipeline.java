package org.claimscrub.bench;

import org.claimscrub.engine.FindingCollector;
import org.claimscrub.engine.FindingRuns;
import org.claimscrub.engine.MemoryBudget;
import org.claimscrub.engine.MessageMemo;
import org.claimscrub.engine.Regrouper;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reader.DuplicateLineNumbers;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.AssistantIndicator;
import org.claimscrub.reference.BilateralIndicator;
import org.claimscrub.reference.CoSurgeonIndicator;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.GlobalDays;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.StatusCode;
import org.claimscrub.reference.TeamIndicator;
import org.claimscrub.report.BatchTally;
import org.claimscrub.report.ClaimPart;
import org.claimscrub.report.ClaimRuns;
import org.claimscrub.report.ClaimTotals;
import org.claimscrub.report.ClaimsCsvWriter;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.FindingsFilter;
import org.claimscrub.report.RejectLog;
import org.claimscrub.report.RejectsCsvWriter;
import org.claimscrub.report.ReportFiles;
import org.claimscrub.spill.SpillFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The yardstick for the bench: the same reading, regrouping and report writing as a scrub, with every edit the
 * shipped rules make without CMS tables coded by hand instead of rules: the add-on family edits (primary
 * missing, including the chained primaries; units over the primary; primary billed professional only), the
 * modifier edits (26, TC, 62, 66, and the 51, 50 and assistant reviews), effective and sunset dates, OPPS
 * packaging, carrier pricing, duplicate lines and the 0854T note. Each edit has the rules' edit id, category,
 * severity and message template, filled the way the rules fill them. On the synthetic batch it finds exactly
 * what the rules find (a test holds it to that, finding by finding), so what the full scrub costs beyond it is
 * the price of the rule engine. The CMS table edits (MUE, PTP, add-on code edits) are not coded: they need
 * tables the bench does not load, and without them no rule of theirs fires.
 */
public final class PlainJavaPipeline {
    /** The family primaries that are add-ons themselves, and the base codes they need (the DRL chain rules). */
    private static final Map<String, List<String>> BASES_OF_ADDON_PRIMARIES = Map.of(
            "88341", List.of("88342"), "88177", List.of("88172"), "88334", List.of("88331", "88333"),
            "88350", List.of("88346"), "88364", List.of("88365"), "88369", List.of("88368"));
    private static final String[] ASSISTANT_MODIFIERS = {"80", "81", "82", "AS"};
    private static final String AUTOMATED_IMAGING_NOTE_CODE = "0854T";

    /** A claim line takes at least this many bytes of CSV, so size / this over-estimates the line count. */
    private static final long SHORTEST_LINE_BYTES = 60;

    private final ReferenceData reference;
    private final int memoryLines;
    /** Add-on to primary, from the rules folder, as {@link SyntheticBatch} pairs them. */
    private final Map<String, String> primaryOf;
    /** The rules' own edits by id (rule name and file, severity, source, message template), as the catalog has them. */
    private final Map<String, EditDefinition> edits = new HashMap<>();
    private final MessageMemo messages = new MessageMemo();

    /** @param ruleEdits the rule base's edits: each finding carries its rule's definition, so rows match the scrub's */
    public PlainJavaPipeline(ReferenceData reference, int memoryLines, Map<String, String> primaryOf,
                             Collection<EditDefinition> ruleEdits) {
        this.reference = reference;
        this.memoryLines = memoryLines;
        this.primaryOf = Map.copyOf(primaryOf);
        ruleEdits.forEach(e -> edits.put(e.editId(), e));
    }

    /**
     * Reads, regroups (setting repeated line numbers aside), checks and writes findings.csv, notices.csv,
     * claims.csv, rejects.csv and summary.txt into the folder through the scrub's own report writers and runs
     * (not summary.html or run.json); returns the findings count.
     */
    public long run(Path input, Path out, Path work) throws IOException, InputException {
        FindingsCsvWriter csv = new FindingsCsvWriter(true);
        ClaimsCsvWriter claimsCsv = new ClaimsCsvWriter(true);
        FindingsFilter filter = FindingsFilter.DEFAULT;
        Map<String, ClaimRuns.Rejected> rejectedByClaim = new HashMap<>();
        BatchTally tally = new BatchTally();
        long linesRead = 0;
        long findingsCount = 0;
        long expectedLines = Files.size(input) / SHORTEST_LINE_BYTES;
        Files.createDirectories(work);
        try (SpillFolder spill = SpillFolder.create(work, "plain-");
             RejectLog rejects = new RejectLog(spill);
             Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(memoryLines), spill, () -> expectedLines);
             DuplicateLineNumbers duplicates = new DuplicateLineNumbers()) {
            // repeated line numbers set aside by claim id over the batch, as the scrub does
            CsvClaimReader.withoutDuplicateCheck().read(input, 0, ClaimSink.settingAsideRepeats(duplicates, line -> {
                regrouper.add(line);
                if (regrouper.spilled() && !duplicates.deferred()) {
                    duplicates.defer(spill, regrouper.partitionCount(), expectedLines);
                }
            }, reject -> {
                rejects.add(reject);
                ClaimRuns.countRejected(rejectedByClaim, reject);
            }));
            List<Regrouper.Partition> partitions = regrouper.finish();
            // on every core, as the scrub checks them at its default --threads
            DuplicateLineNumbers.Deferred late = duplicates.finish(Runtime.getRuntime().availableProcessors());
            rejects.addLate(late.rejects());
            late.rejects().forEach(r -> ClaimRuns.countRejected(rejectedByClaim, r));
            // a partition is one chunk here: a claim is whole in it unless rejected lines or other partitions share it
            Predicate<String> whole = ClaimRuns.whole(rejectedByClaim, regrouper::maySplit);
            try (ClaimRuns claims = new ClaimRuns(regrouper.spilled() ? spill : null,
                    ClaimRuns.RowFormat.csv(claimsCsv, csv));
                 FindingRuns runs = new FindingRuns(regrouper.spilled() ? spill : null,
                    new FindingRuns.RowFormat(csv::head, csv::shared, csv::tail))) {
                for (int p = 0; p < partitions.size(); p++) {
                    List<ClaimLine> lines = partitions.get(p).load();
                    if (!late.setAside().isEmpty()) {
                        lines.removeIf(l -> late.setAside().contains(l.source()));
                    }
                    List<Finding> findings = findings(lines);
                    findingsCount += findings.size();
                    linesRead += lines.size();
                    tally.add(lines, findings);
                    runs.add(p, List.of(runs.rows(findings.stream().filter(filter::inFindings).toList())));
                    claims.add(p, List.of(claims.chunk(ClaimPart.of(lines, findings, filter), whole)));
                }
                linesRead += rejects.size();
                try (ReportFiles report = new ReportFiles(out)) {
                    ClaimTotals[] totals = new ClaimTotals[1];
                    // the two merges at once, as the scrub writes them
                    report.inParallel(() -> {
                        report.writeBytes("findings.csv", w -> {
                            w.write(csv.header().getBytes(StandardCharsets.UTF_8));
                            runs.writeTo(w);
                        });
                        report.write("rejects.csv", w -> new RejectsCsvWriter(true).write(rejects.all(), w));
                    }, () -> report.writeBytes("claims.csv", claimsOut -> report.writeBytes("notices.csv",
                            noticesOut -> {
                                claimsOut.write(claimsCsv.header().getBytes(StandardCharsets.UTF_8));
                                noticesOut.write(csv.header().getBytes(StandardCharsets.UTF_8));
                                totals[0] = claims.write(rejectedByClaim, claimsOut, noticesOut);
                            })));
                    long read = linesRead;
                    report.write("summary.txt", w -> w.write(tally.summary(read, rejects.size(), totals[0]).render()));
                    report.commit();
                }
            }
        }
        return findingsCount;
    }

    /** The findings on a partition's lines (every line of a visit among them), unsorted. */
    public List<Finding> findings(Collection<ClaimLine> lines) {
        List<Finding> findings = new ArrayList<>();
        Map<LocalDate, Map<String, CodeReference>> rows = new HashMap<>();
        for (List<ClaimLine> visit : Scrubber.visits(lines)) {
            check(inputOrder(visit), rows.computeIfAbsent(visit.get(0).dateOfService(), d -> new HashMap<>()),
                    findings);
        }
        return findings;
    }

    /** The visit's lines in input order, as the rules see them (first of a code, earlier duplicate). */
    private static List<ClaimLine> inputOrder(List<ClaimLine> visit) {
        for (int i = 1; i < visit.size(); i++) {
            if (visit.get(i - 1).source().compareTo(visit.get(i).source()) > 0) {
                List<ClaimLine> sorted = new ArrayList<>(visit);
                sorted.sort(Comparator.comparing(ClaimLine::source));
                return sorted;
            }
        }
        return visit;
    }

    /** @param rows the reference rows known so far on the visit's date of service, by code */
    private void check(List<ClaimLine> visit, Map<String, CodeReference> rows, List<Finding> findings) {
        Map<String, Integer> unitsByCode = new HashMap<>();
        Map<String, Boolean> everyLineProfessional = new HashMap<>();
        for (ClaimLine line : visit) {
            unitsByCode.merge(line.code(), line.units(), Integer::sum);
            everyLineProfessional.merge(line.code(), line.hasModifier("26"), Boolean::logicalAnd);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < visit.size(); i++) {
            ClaimLine line = visit.get(i);
            boolean firstOfCode = seen.add(line.code());
            String code = line.code();
            String primary = primaryOf.get(code);
            if (primary != null) {
                Integer primaryUnits = unitsByCode.get(primary);
                if (primaryUnits == null) {
                    raise(findings, line, "AOP-" + code, Category.ADDON_WITHOUT_PRIMARY, "primary", primary);
                } else if (firstOfCode) {
                    int addonUnits = unitsByCode.get(code);
                    if (primaryUnits < addonUnits) {
                        raise(findings, line, "AOU-" + code, Category.ADDON_UNITS_EXCEED_PRIMARY, "primary", primary,
                                "addonUnits", addonUnits, "primaryUnits", primaryUnits);
                    }
                    if (everyLineProfessional.get(primary)) {
                        raise(findings, line, "AOPC-" + code, Category.ADDON_PRIMARY_PROFESSIONAL_ONLY,
                                "primary", primary);
                    }
                }
            }
            List<String> bases = BASES_OF_ADDON_PRIMARIES.get(code);
            if (bases != null && bases.stream().noneMatch(unitsByCode::containsKey)) {
                raise(findings, line, "AOP-" + code, Category.ADDON_WITHOUT_PRIMARY, "primary",
                        String.join(" or ", bases));
            }
            if (code.equals(AUTOMATED_IMAGING_NOTE_CODE)) {
                raise(findings, line, "DOC-" + code, Category.DOCUMENTATION, "reason", "not reportable for smears"
                        + " digitized by an automated cell-imaging system; confirm how the slides were scanned");
            }
            CodeReference row = rows.get(code);
            if (row == null) {
                CodeReference known = reference.code(code, line.dateOfService());
                row = known != null ? known : CodeReference.unknown(code);
                rows.put(code, row);
            }
            checkReference(line, row, findings);
            for (int j = 0; j < i; j++) {
                ClaimLine earlier = visit.get(j);
                if (earlier.code().equals(code) && earlier.units() == line.units()
                        && earlier.claimId().equals(line.claimId()) && earlier.modifiers().sameSetAs(line.modifiers())
                        && earlier.dateOfService().equals(line.dateOfService())) {
                    raise(findings, line, "DUP-LINE", Category.DUPLICATE_LINE, "otherLine", earlier.lineNumber());
                    break;
                }
            }
        }
    }

    /** The edits a line's reference row drives: modifiers, dates, OPPS packaging, carrier pricing. */
    private void checkReference(ClaimLine line, CodeReference row, List<Finding> findings) {
        if (row.pcTc() != null) {
            if (line.hasModifier("26") && !row.pcTc().allows26()) {
                raise(findings, line, "MOD-26", Category.MODIFIER_NOT_ALLOWED, "modifier", "26",
                        "reason", row.pcTc().explain());
            }
            if (line.hasModifier("TC") && !row.pcTc().allowsTc()) {
                raise(findings, line, "MOD-TC", Category.MODIFIER_NOT_ALLOWED, "modifier", "TC",
                        "reason", row.pcTc().explain());
            }
        }
        if (line.hasModifier("62") && row.coSurgeon() == CoSurgeonIndicator.NOT_PERMITTED) {
            raise(findings, line, "MOD-62", Category.MODIFIER_NOT_ALLOWED, "modifier", "62",
                    "reason", row.coSurgeon().explain());
        }
        if (line.hasModifier("66") && row.team() == TeamIndicator.NOT_PERMITTED) {
            raise(findings, line, "MOD-66", Category.MODIFIER_NOT_ALLOWED, "modifier", "66",
                    "reason", row.team().explain());
        }
        if (line.hasModifier("51") && row.globalDays() == GlobalDays.ADD_ON) {
            raise(findings, line, "MODR-51", Category.MODIFIER_REVIEW, "modifier", "51",
                    "reason", "an add-on code (global period ZZZ) is never reduced as a multiple procedure");
        }
        if (line.hasModifier("50") && row.bilateral() == BilateralIndicator.NO_ADJUSTMENT) {
            raise(findings, line, "MODR-50", Category.MODIFIER_REVIEW, "modifier", "50",
                    "reason", row.bilateral().explain());
        }
        String assistant = line.modifiers().firstOf(ASSISTANT_MODIFIERS);
        if (assistant != null && row.assistant() == AssistantIndicator.DOCUMENTATION_REQUIRED) {
            raise(findings, line, "MODR-ASST", Category.MODIFIER_REVIEW, "modifier", assistant,
                    "reason", row.assistant().explain());
        }
        if (row.isBefore(line.dateOfService())) {
            raise(findings, line, "EFF-BEFORE", Category.CODE_NOT_EFFECTIVE, "effective", row.effectiveDate());
        }
        if (row.isSunsetOn(line.dateOfService())) {
            raise(findings, line, "EFF-SUNSET", Category.CODE_NOT_EFFECTIVE, "sunset", row.sunsetDate());
        }
        if (line.isHospitalOutpatient() && row.oppsStatus() != null && row.oppsStatus().isPackaged()) {
            raise(findings, line, "OPPS-PKG", Category.OPPS_PACKAGED, "statusIndicator", row.oppsStatus().code(),
                    "statusMeaning", row.oppsStatus().meaning());
        }
        if (line.claimType() == ClaimType.PROFESSIONAL && row.status() == StatusCode.CARRIER_PRICED) {
            raise(findings, line, "CPR-C", Category.CARRIER_PRICED);
        }
    }

    /** A finding of the rules' edit (else its category's), its message filled as a rule's consequence fills it. */
    private void raise(List<Finding> findings, ClaimLine line, String editId, Category category,
                       Object... namedValues) {
        EditDefinition edit = edits.computeIfAbsent(editId, id -> new EditDefinition(id, category,
                category.defaultSeverity(), category.defaultMessage(), category.defaultSource(), "plain Java", ""));
        findings.add(new Finding(line, edit, messages.format(edit.messageTemplate(), name -> {
            for (int i = 0; i < namedValues.length; i += 2) {
                if (name.equals(namedValues[i])) {
                    return namedValues[i + 1];
                }
            }
            return FindingCollector.standardValue(line, name, reference);
        })));
    }
}
