package org.claimscrub.report;

import org.claimscrub.model.Category;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.FindingStatus;
import org.claimscrub.model.Severity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one claim adds up to, or the part of it one chunk of a partition saw: its lines, dollars, findings by
 * severity, its worst problems (for the worklist and the first thing to fix) and its notices merged per edit.
 * Parts of one claim (a claim spread over chunks, or over partitions when its lines name different patients or
 * providers) {@link #merge} into the whole claim; the merge depends on nothing but the parts' contents, so the
 * result is the same however the batch was split.
 *
 * @param firstPosition the input position of its first line: the billing NPI and payer are that line's
 * @param rejectedLines lines of the claim set aside as unreadable; {@code firstReject} says where the first is
 * @param issues        its errors and warnings, worst first then in input order, at most {@link #ISSUES_KEPT}
 * @param noticeGroups  the findings that go to notices.csv, one group per edit (and severity, status)
 */
public record ClaimPart(String claimId, long firstPosition, String billingNpi, String payerId, LocalDate firstDate,
                        LocalDate lastDate, long lines, BigDecimal billed, BigDecimal atRisk, long linesWithErrors,
                        long errors, long warnings, long notices, long bypassed, long rejectedLines,
                        String firstReject, List<Issue> issues, List<NoticeGroup> noticeGroups) {
    /** Errors and warnings a claim keeps for the worklist; the counts stay exact beyond it. */
    public static final int ISSUES_KEPT = 20;
    /** Positions sort by input file, then physical line. */
    private static final long NONE = Long.MAX_VALUE;

    /** One error or warning of the claim. */
    public record Issue(long position, int lineNumber, String code, Severity severity, String editId,
                        String message, BigDecimal charge) {
        static final Comparator<Issue> WORST_FIRST = Comparator.comparing(Issue::severity)
                .thenComparingLong(Issue::position).thenComparing(Issue::editId).thenComparing(Issue::message);
    }

    /** A line a notice covers, with the message the notice has on it. */
    public record NoticeLine(long position, int lineNumber, String code, String modifiers, LocalDate dateOfService,
                             String inputFile, long inputLine, BigDecimal charge, String message) {
    }

    /** One notice row: an edit (with one severity, status and override) on one or more lines of a claim. */
    public record NoticeGroup(String editId, Category category, Severity severity, String rule, String ruleFile,
                              String source, FindingStatus status, String overrideReason, String billingNpi,
                              String payerId, List<NoticeLine> lines) {
        private Key key() {
            return new Key(editId, severity, status, overrideReason);
        }

        /**
         * The notice's message: the same on every line, or the same but for the line's code (most notices name
         * it), which then lists the codes; otherwise each distinct message, in line order, joined by " | ".
         */
        public String message() {
            String first = lines.get(0).message();
            if (lines.size() == 1) {
                return first;
            }
            // the same shape: each message is the first's with its own code where the first has its code
            String firstCode = lines.get(0).code();
            int at = first.indexOf(firstCode);
            boolean sameShape = at >= 0;
            boolean allSame = true;
            List<String> codes = new ArrayList<>();
            for (NoticeLine l : lines) {
                String m = l.message();
                allSame &= m.equals(first);
                if (!codes.contains(l.code())) {
                    codes.add(l.code());
                }
                if (sameShape) {
                    int after = first.length() - at - firstCode.length();
                    sameShape = m.indexOf(l.code()) == at && m.length() == at + l.code().length() + after
                            && m.regionMatches(0, first, 0, at)
                            && m.regionMatches(at + l.code().length(), first, at + firstCode.length(), after);
                }
            }
            if (allSame) {
                return first;
            }
            if (sameShape) {
                return first.substring(0, at) + String.join(", ", codes) + first.substring(at + firstCode.length());
            }
            List<String> distinct = new ArrayList<>();
            for (NoticeLine l : lines) {
                if (!distinct.contains(l.message())) {
                    distinct.add(l.message());
                }
            }
            return String.join(" | ", distinct);
        }

        /** The input files of its lines, each once, in input order. */
        public List<String> inputFiles() {
            List<String> files = new ArrayList<>(1);
            for (NoticeLine l : lines) {
                if (!files.contains(l.inputFile())) {
                    files.add(l.inputFile());
                }
            }
            return files;
        }

        /** The sum of its lines' charges (lines without a charge count as none). */
        public BigDecimal charge() {
            BigDecimal sum = BigDecimal.ZERO;
            for (NoticeLine l : lines) {
                sum = l.charge() == null ? sum : sum.add(l.charge());
            }
            return sum;
        }

        static final Comparator<NoticeGroup> IN_ORDER = Comparator
                .<NoticeGroup>comparingLong(g -> g.lines().get(0).position())
                .thenComparing(NoticeGroup::severity).thenComparing(NoticeGroup::editId)
                .thenComparing(NoticeGroup::status)
                .thenComparing(NoticeGroup::overrideReason);
    }

    private record Key(String editId, Severity severity, FindingStatus status, String reason) {
    }

    public static long position(ClaimLine line) {
        return ((long) line.source().fileIndex() << 40) | line.source().line();
    }

    /**
     * The parts of the claims of one chunk (whole visits): one per claim, in the order of their first lines (the
     * claim runs sort them by claim id, a partition at a time).
     *
     * @param findings the chunk's findings after overrides
     */
    public static List<ClaimPart> of(List<ClaimLine> lines, List<Finding> findings, FindingsFilter filter) {
        record Claim(List<ClaimLine> lines, List<Finding> findings) {
        }
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (ClaimLine line : lines) {
            claims.computeIfAbsent(line.claimId(), c -> new Claim(new ArrayList<>(4), new ArrayList<>(4)))
                    .lines().add(line);
        }
        for (Finding f : findings) {
            Claim claim = claims.get(f.line().claimId());
            if (claim != null) {
                claim.findings().add(f);
            }
        }
        List<ClaimPart> parts = new ArrayList<>(claims.size());
        claims.forEach((id, claim) -> parts.add(part(id, claim.lines(), claim.findings(), filter)));
        return parts;
    }

    /** @param findings the findings on the claim's lines, the only ones that can make a line one with errors */
    private static ClaimPart part(String claimId, List<ClaimLine> lines, List<Finding> findings,
                                  FindingsFilter filter) {
        // a claim has a few lines: a list searched by identity beats a set
        List<ClaimLine> errorLines = new ArrayList<>(2);
        for (Finding f : findings) {
            if (!f.isBypassed() && f.severity() == Severity.ERROR && !containsSame(errorLines, f.line())) {
                errorLines.add(f.line());
            }
        }
        ClaimLine first = lines.get(0);
        LocalDate firstDate = first.dateOfService();
        LocalDate lastDate = firstDate;
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal atRisk = BigDecimal.ZERO;
        long withErrors = 0;
        for (ClaimLine line : lines) {
            if (position(line) < position(first)) {
                first = line;
            }
            firstDate = line.dateOfService().isBefore(firstDate) ? line.dateOfService() : firstDate;
            lastDate = line.dateOfService().isAfter(lastDate) ? line.dateOfService() : lastDate;
            BigDecimal charge = line.charge() == null ? BigDecimal.ZERO : line.charge();
            billed = billed.add(charge);
            if (containsSame(errorLines, line)) {
                withErrors++;
                atRisk = atRisk.add(charge);
            }
        }
        long[] counts = new long[Severity.values().length];
        long bypassed = 0;
        List<Issue> issues = new ArrayList<>();
        List<NoticeGroup> groups = new ArrayList<>();
        for (Finding f : findings) {
            if (f.isBypassed()) {
                bypassed++;
            } else {
                counts[f.severity().ordinal()]++;
                if (f.severity() != Severity.NOTICE) {
                    ClaimLine l = f.line();
                    issues.add(new Issue(position(l), l.lineNumber(), l.code(), f.severity(), f.edit().editId(),
                            f.message(), l.charge()));
                }
            }
            if (!filter.inFindings(f)) {
                ClaimLine l = f.line();
                groups.add(new NoticeGroup(f.edit().editId(), f.category(), f.severity(), f.edit().ruleName(),
                        f.edit().ruleFile(), f.edit().source(), f.status(), f.overrideReason(), l.billingNpi(),
                        l.payerId(), List.of(new NoticeLine(position(l), l.lineNumber(), l.code(),
                        l.modifiers().toString(), l.dateOfService(), l.source().file(), l.source().line(),
                        l.charge(), f.message()))));
            }
        }
        return new ClaimPart(claimId, position(first), first.billingNpi(), first.payerId(), firstDate, lastDate,
                lines.size(), billed, atRisk, withErrors, counts[0], counts[1], counts[2], bypassed, 0, "",
                keepWorst(issues), mergeGroups(groups));
    }

    private static boolean containsSame(List<ClaimLine> lines, ClaimLine line) {
        for (ClaimLine l : lines) {
            if (l == line) {
                return true;
            }
        }
        return false;
    }

    /** A claim none of whose lines could be read, or the rejected lines of one that has others. */
    public static ClaimPart rejected(String claimId, long rejectedLines, String firstReject) {
        return new ClaimPart(claimId, NONE, "", "", null, null, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0, 0,
                0, rejectedLines, firstReject, List.of(), List.of());
    }

    /** The whole claim from its parts (all of one claim id). */
    public static ClaimPart merge(List<ClaimPart> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        ClaimPart first = parts.get(0);
        LocalDate firstDate = null;
        LocalDate lastDate = null;
        long lines = 0;
        long withErrors = 0;
        long errors = 0;
        long warnings = 0;
        long notices = 0;
        long bypassed = 0;
        long rejected = 0;
        String firstReject = "";
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal atRisk = BigDecimal.ZERO;
        List<Issue> issues = new ArrayList<>();
        List<NoticeGroup> groups = new ArrayList<>();
        for (ClaimPart p : parts) {
            if (p.firstPosition < first.firstPosition) {
                first = p;
            }
            if (p.firstDate != null) {
                firstDate = firstDate == null || p.firstDate.isBefore(firstDate) ? p.firstDate : firstDate;
                lastDate = lastDate == null || p.lastDate.isAfter(lastDate) ? p.lastDate : lastDate;
            }
            lines += p.lines;
            withErrors += p.linesWithErrors;
            errors += p.errors;
            warnings += p.warnings;
            notices += p.notices;
            bypassed += p.bypassed;
            rejected += p.rejectedLines;
            firstReject = firstReject.isEmpty() ? p.firstReject : firstReject;
            billed = billed.add(p.billed);
            atRisk = atRisk.add(p.atRisk);
            issues.addAll(p.issues);
            groups.addAll(p.noticeGroups);
        }
        return new ClaimPart(first.claimId, first.firstPosition, first.billingNpi, first.payerId, firstDate,
                lastDate, lines, billed, atRisk, withErrors, errors, warnings, notices, bypassed, rejected,
                firstReject, keepWorst(issues), mergeGroups(groups));
    }

    private static List<Issue> keepWorst(List<Issue> issues) {
        issues.sort(Issue.WORST_FIRST);
        return List.copyOf(issues.subList(0, Math.min(ISSUES_KEPT, issues.size())));
    }

    /** Groups of the same edit, message, status and override become one, its lines in input order. */
    private static List<NoticeGroup> mergeGroups(List<NoticeGroup> groups) {
        if (groups.size() < 2) {
            return List.copyOf(groups);
        }
        Map<Key, List<NoticeGroup>> byKey = new LinkedHashMap<>();
        for (NoticeGroup g : groups) {
            byKey.computeIfAbsent(g.key(), k -> new ArrayList<>()).add(g);
        }
        List<NoticeGroup> merged = new ArrayList<>(byKey.size());
        for (List<NoticeGroup> same : byKey.values()) {
            if (same.size() == 1) {
                merged.add(same.get(0));
                continue;
            }
            List<NoticeLine> lines = new ArrayList<>();
            same.forEach(g -> lines.addAll(g.lines()));
            lines.sort(Comparator.comparingLong(NoticeLine::position).thenComparing(NoticeLine::message));
            NoticeGroup firstGroup = same.stream().min(NoticeGroup.IN_ORDER).orElseThrow();
            merged.add(new NoticeGroup(firstGroup.editId, firstGroup.category, firstGroup.severity,
                    firstGroup.rule, firstGroup.ruleFile, firstGroup.source, firstGroup.status,
                    firstGroup.overrideReason, firstGroup.billingNpi, firstGroup.payerId, List.copyOf(lines)));
        }
        merged.sort(NoticeGroup.IN_ORDER);
        return List.copyOf(merged);
    }

    public Disposition disposition() {
        if (rejectedLines > 0) {
            return Disposition.REJECTED_LINES;
        }
        if (errors > 0) {
            return Disposition.FIX;
        }
        return warnings > 0 ? Disposition.REVIEW : Disposition.READY;
    }

    /** The first thing to fix: the first rejected line, else its worst finding; null when it is ready. */
    public String firstFix() {
        if (rejectedLines > 0) {
            return firstReject + ": the line could not be read; correct it (see rejects.csv) and scrub again";
        }
        if (issues.isEmpty()) {
            return null;
        }
        Issue worst = issues.get(0);
        return "line " + worst.lineNumber() + " " + worst.code() + ", " + worst.editId() + ": " + worst.message();
    }

    public long findings() {
        return errors + warnings + notices;
    }
}
