package org.claimscrub.bench;

import org.claimscrub.engine.FindingRuns;
import org.claimscrub.engine.MemoryBudget;
import org.claimscrub.engine.Regrouper;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reader.InputException;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.RejectLog;
import org.claimscrub.report.RejectsCsvWriter;
import org.claimscrub.report.ReportFiles;
import org.claimscrub.spill.SpillFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The yardstick for the bench: the same reading, regrouping and report writing as a scrub, with the add-on
 * family edits (primary missing, including the chained primaries; units over the primary; primary billed
 * professional only) and the modifier 26/TC edits coded by hand instead of rules. On the synthetic batch it finds
 * exactly what those rules find (a test holds it to that); the rules' other edits have no counterpart here, so
 * what the full scrub costs beyond this is the price of rules as data plus the edits only the rules make.
 */
public final class PlainJavaPipeline {
    private static final EditDefinition ADDON_WITHOUT_PRIMARY = edit("PLAIN-AOP", Category.ADDON_WITHOUT_PRIMARY);
    private static final EditDefinition ADDON_UNITS = edit("PLAIN-AOU", Category.ADDON_UNITS_EXCEED_PRIMARY);
    private static final EditDefinition ADDON_PROFESSIONAL_ONLY = edit("PLAIN-AOPC",
            Category.ADDON_PRIMARY_PROFESSIONAL_ONLY);
    private static final EditDefinition MODIFIER = edit("PLAIN-MOD", Category.MODIFIER_NOT_ALLOWED);
    /** The family primaries that are add-ons themselves, and the base codes they need (the DRL chain rules). */
    private static final Map<String, List<String>> BASES_OF_ADDON_PRIMARIES = Map.of(
            "88341", List.of("88342"), "88177", List.of("88172"), "88334", List.of("88331", "88333"),
            "88350", List.of("88346"), "88364", List.of("88365"), "88369", List.of("88368"));

    /** A claim line takes at least this many bytes of CSV, so size / this over-estimates the line count. */
    private static final long SHORTEST_LINE_BYTES = 60;

    private final ReferenceData reference;
    private final int memoryLines;
    /** Add-on to primary, from the rules folder, as {@link SyntheticBatch} pairs them. */
    private final Map<String, String> primaryOf;

    public PlainJavaPipeline(ReferenceData reference, int memoryLines, Map<String, String> primaryOf) {
        this.reference = reference;
        this.memoryLines = memoryLines;
        this.primaryOf = Map.copyOf(primaryOf);
    }

    private static EditDefinition edit(String id, Category category) {
        return new EditDefinition(id, category, category.defaultSeverity(), category.defaultMessage(),
                category.defaultSource(), "plain Java", "");
    }

    /** Reads, checks and writes findings.csv and rejects.csv into the folder; returns the findings count. */
    public long run(Path input, Path out, Path work) throws IOException, InputException {
        FindingsCsvWriter csv = new FindingsCsvWriter(true);
        long findingsCount = 0;
        long expectedLines = Files.size(input) / SHORTEST_LINE_BYTES;
        Files.createDirectories(work);
        try (SpillFolder spill = SpillFolder.create(work, "plain-");
             RejectLog rejects = new RejectLog(spill);
             Regrouper regrouper = new Regrouper(MemoryBudget.ofLines(memoryLines), spill, () -> expectedLines)) {
            CsvClaimReader.withoutDuplicateCheck().read(input, 0, ClaimSink.writingTo(regrouper::add, rejects::add));
            List<Regrouper.Partition> partitions = regrouper.finish();
            try (FindingRuns runs = new FindingRuns(regrouper.spilled() ? spill : null,
                    new FindingRuns.RowFormat(csv::head, csv::shared, csv::tail))) {
                for (int p = 0; p < partitions.size(); p++) {
                    List<Finding> findings = new ArrayList<>();
                    for (List<ClaimLine> visit : Scrubber.visits(partitions.get(p).load())) {
                        check(visit, findings);
                    }
                    findingsCount += findings.size();
                    runs.add(p, List.of(runs.rows(findings)));
                }
                try (ReportFiles report = new ReportFiles(out)) {
                    report.writeBytes("findings.csv", w -> {
                        w.write(csv.header().getBytes(StandardCharsets.UTF_8));
                        runs.writeTo(w);
                    });
                    report.write("rejects.csv", w -> new RejectsCsvWriter(true).write(rejects.all(), w));
                    report.commit();
                }
            }
        }
        return findingsCount;
    }

    private void check(List<ClaimLine> visit, List<Finding> findings) {
        Map<String, Integer> unitsByCode = new HashMap<>();
        Map<String, Boolean> everyLineProfessional = new HashMap<>();
        for (ClaimLine line : visit) {
            unitsByCode.merge(line.code(), line.units(), Integer::sum);
            everyLineProfessional.merge(line.code(), line.hasModifier("26"), Boolean::logicalAnd);
        }
        Set<String> seen = new HashSet<>();
        for (ClaimLine line : visit) {
            boolean firstOfCode = seen.add(line.code());
            String primary = primaryOf.get(line.code());
            if (primary != null) {
                Integer primaryUnits = unitsByCode.get(primary);
                if (primaryUnits == null) {
                    findings.add(withoutPrimary(line, primary));
                } else if (firstOfCode) {
                    int addonUnits = unitsByCode.get(line.code());
                    if (primaryUnits < addonUnits) {
                        findings.add(new Finding(line, ADDON_UNITS, line.code() + " is billed for " + addonUnits
                                + " unit(s) but its primary " + primary + " for only " + primaryUnits + ". Reduce "
                                + line.code() + " to " + primaryUnits + " unit(s)."));
                    }
                    if (everyLineProfessional.get(primary)) {
                        findings.add(new Finding(line, ADDON_PROFESSIONAL_ONLY, line.code() + " is billed with "
                                + primary + " billed only with modifier 26: the slides were digitized by whoever"
                                + " billed the technical component. Check who scanned them before submission."));
                    }
                }
            }
            List<String> bases = BASES_OF_ADDON_PRIMARIES.get(line.code());
            if (bases != null && bases.stream().noneMatch(unitsByCode::containsKey)) {
                findings.add(withoutPrimary(line, String.join(" or ", bases)));
            }
            CodeReference ref = reference.code(line.code());
            if (ref != null && ref.pcTc() != null) {
                if (line.hasModifier("26") && !ref.pcTc().allows26()) {
                    findings.add(new Finding(line, MODIFIER, "Modifier 26 is not allowed on " + line.code() + ": "
                            + ref.pcTc().explain() + ". Remove modifier 26 before submission."));
                }
                if (line.hasModifier("TC") && !ref.pcTc().allowsTc()) {
                    findings.add(new Finding(line, MODIFIER, "Modifier TC is not allowed on " + line.code() + ": "
                            + ref.pcTc().explain() + ". Remove modifier TC before submission."));
                }
            }
        }
    }

    private static Finding withoutPrimary(ClaimLine line, String primary) {
        return new Finding(line, ADDON_WITHOUT_PRIMARY, line.code() + " is an add-on code, but no " + primary
                + " was billed on " + line.dateOfService() + ". Add the " + primary
                + " line if it was performed that day, or remove " + line.code() + ".");
    }
}
