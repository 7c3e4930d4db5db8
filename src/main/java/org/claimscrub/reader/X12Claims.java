package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.CodeForm;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Assembles an 837's segments, in file order, into claims and their service lines, and hands each line (or its
 * reject) to the sink once its claim is complete: at the next CLM, HL, SE or envelope segment. Loops are told
 * apart by the HL level (20 billing provider, 22 subscriber, 23 patient) and by whether the claim (CLM) or its
 * service lines (LX) have begun: an NM1*IL or NM1*PR after CLM is another payer's (2330x), not the claim's.
 *
 * <p>A value the edits need that cannot be read sets the whole claim aside, every line of it, with the reason
 * naming the segment and element; a line with no HCPCS/CPT code (a revenue-code-only institutional line) is set
 * aside alone. A value no edit needs (rendering NPI, place of service, charge, diagnoses, revenue code: {@link
 * InputField}), unreadable, leaves the field empty and named in the line's unreadable fields, as the CSV reader
 * does, and the claim is scrubbed.
 * Messages quote only provider, code, date and amount values: no subscriber or patient segment (NM1*IL/QC, N3,
 * N4, DMG) is ever quoted, and the patient key is never printed.
 */
final class X12Claims {
    /** ICD-9-CM, as the BK/BF qualifiers carry it: 3 to 5 digits, V + 2 to 4 digits, E + 3 or 4 digits. */
    private static final Pattern ICD9 = Pattern.compile("[0-9]{3,5}|V[0-9]{2,4}|E[0-9]{3,4}");
    private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * The checks of the CSV reader, memoised per reader by the values' bytes ({@link X12Memo}), for the thread that
     * checks claims ({@link #emit}).
     */
    static final class Validators {
        /** A whole SV1 / SV2 segment (salted with the separators) whose values all read. */
        final X12Memo<ServiceValues> services = new X12Memo<>();
        /** A whole SV101 / SV202 composite (salted with the component separator) whose code and modifiers read. */
        final X12Memo<Procedure> procedures = new X12Memo<>();
        final CellMemo<String> codes = new CellMemo<>(Fields::procedureCode);
        final CellMemo<Modifiers> modifiers = new CellMemo<>(Fields::modifiers);
        final X12Memo<Integer> units = new X12Memo<>(Fields::units);
        final X12Memo<Integer> lineNumbers = new X12Memo<>(Fields::lineNumber);
        final X12Memo<BigDecimal> charges = new X12Memo<>(Fields::charge);
        final X12Memo<String> npis = new X12Memo<>(Fields::npi);
        final CellMemo<String> typesOfBill = new CellMemo<>(Fields::typeOfBill);
        final X12Memo<String> placesOfService = new X12Memo<>(Fields::placeOfService);
        final X12Memo<String> revenueCodes = new X12Memo<>(Fields::revenueCode);
        final X12Memo<LocalDate> dates = new X12Memo<>(X12Claims::d8);
        /** Whole segments (see {@link X12Memo#ofSegment}): NM1 to its NPI, DTP to its date. */
        final X12Memo<String> providers = new X12Memo<>();
        final X12Memo<LocalDate> dateSegments = new X12Memo<>();
        final X12Memo<List<String>> diagnoses = new X12Memo<>(Fields::diagnosisCodes);
        /** Texts quoted in positions (LX01), one String per distinct value. */
        final X12Memo<String> texts = new X12Memo<>(X12Claims::text);
    }

    /** A procedure composite's code and modifiers, both read. */
    record Procedure(String code, Modifiers modifiers) {
    }

    /**
     * What a service line segment holds, all read: {@code placeOfService} is SV105's (null without one: the
     * claim's), {@code revenueCode} SV201's ("" for SV1), {@code charge} null when SV102 / SV203 is empty.
     */
    record ServiceValues(Procedure procedure, int units, BigDecimal charge, String placeOfService,
                         String revenueCode) {
    }

    /** Where SV1 (837P) and SV2 (837I) hold a service line's code, charge and units, and those elements' names. */
    private enum Service {
        SV1(1, "SV1-01", 2, "SV1-02", 4, "SV1-04"),
        SV2(2, "SV2-02", 3, "SV2-03", 5, "SV2-05");

        final int code;
        final String codeField;
        final int charge;
        final String chargeField;
        final int units;
        final String unitsField;

        Service(int code, String codeField, int charge, String chargeField, int units, String unitsField) {
            this.code = code;
            this.codeField = codeField;
            this.charge = charge;
            this.chargeField = chargeField;
            this.units = units;
            this.unitsField = unitsField;
        }

        static Service of(X12Segment sv) {
            return sv.kind() == X12Tag.SV1 ? SV1 : SV2;
        }
    }

    private final String file;
    private final int fileIndex;
    private final ClaimSink sink;
    private final Validators v;
    private final DuplicateLineNumbers duplicates;
    private long linesRead;
    private final Set<InputField> lineUnreadable = EnumSet.noneOf(InputField.class);
    /** The diagnoses of a claim's one HI segment by its bytes, for the separators it was read with. */
    private X12Memo<List<String>> diagnosisLists;
    private X12Segment.X12Delimiters diagnosisDelimiters;
    /** Where the line being checked is, reused from line to line. */
    private final StringBuilder position = new StringBuilder(96);
    /** The visit of the claim's line checked last: the next line on the same date shares it. */
    private Visit lastVisit;
    /** The faults of the claim being checked, cleared for each. */
    private final Faults faults = new Faults();

    private String groupVersion = "";
    private String version = "";
    private String transaction = "";
    private X12Segment billingProvider;
    private String subscriberId = "";
    private String patientKey = "";
    private String payerId = "";
    private Claim claim;
    /** Payer ids (NM109), one String per distinct value: for the thread that gives the segments. */
    private final X12Memo<String> ids = new X12Memo<>(X12Claims::text);

    /** Takes each claim once it is complete, in file order, to be checked and emitted ({@link #emit}). */
    @FunctionalInterface
    interface Completed {
        void claim(Claim claim) throws IOException;
    }

    private final Completed completed;

    /**
     * Segments are given ({@link #segment}) on one thread, which assembles claims and hands each to
     * {@code completed}; {@link #emit} checks a claim's values and hands its lines to the sink, on another
     * thread or the same one: the two halves share nothing but the claims handed over.
     */
    X12Claims(String file, int fileIndex, ClaimSink sink, Validators validators, DuplicateLineNumbers duplicates,
              Completed completed) {
        this.completed = completed;
        this.file = file;
        this.fileIndex = fileIndex;
        this.sink = sink;
        this.v = validators;
        this.duplicates = duplicates;
    }

    long linesRead() {
        return linesRead;
    }

    /** The file has ended: the claim still open is complete. */
    void finish() throws IOException {
        flush();
    }

    /** Whether {@link #segment} reads the elements of a segment with this tag (the others need splitting no further). */
    static boolean reads(String tag) {
        X12Tag kind = X12Tag.of(tag);
        return kind != X12Tag.OTHER && kind != X12Tag.TA1;
    }

    void segment(X12Segment s) throws IOException {
        switch (s.kind()) {
            case ISA, IEA, GE, SE -> flush();
            case GS -> {
                flush();
                groupVersion = s.element(8);
            }
            case ST -> {
                flush();
                transaction = s.element(2);
                version = s.element(3).isEmpty() ? groupVersion : s.element(3);
                billingProvider = null;
                subscriber("");
                payerId = "";
            }
            case HL -> {
                flush();
                // another level (e.g. a service provider) changes no party of the claim
                if (s.is(3, "20")) {
                    billingProvider = null;
                    subscriber("");
                    payerId = "";
                } else if (s.is(3, "22")) {
                    subscriber("");
                    payerId = "";
                } else if (s.is(3, "23")) {
                    patientKey = subscriberId; // the subscriber and payer stay; NM1*QC names the patient
                }
            }
            case NM1 -> name(s);
            case CLM -> {
                flush();
                claim = new Claim(s);
            }
            case DTP -> {
                if (claim != null) {
                    claim.date(s);
                }
            }
            case HI -> {
                if (claim != null && !claim.inLines) {
                    claim.diagnoses.add(s);
                }
            }
            case LX -> open().lx(s);
            case SV1, SV2 -> open().service(s);
            default -> {
                // other segments carry nothing claimscrub checks
            }
        }
    }

    private void subscriber(String id) {
        subscriberId = id;
        patientKey = id;
    }

    /** NM1 by entity code: 85 billing provider, IL subscriber, QC patient, PR payer, 82 rendering provider. */
    private void name(X12Segment s) {
        // other parties (submitter, receiver, pay-to...) are not read
        if (claim == null) {
            if (s.is(1, "85")) {
                billingProvider = s;
            } else if (s.is(1, "IL")) {
                subscriber(s.element(9)); // one per patient: seldom repeated near enough for a memo to find it
            } else if (s.is(1, "QC")) {
                // a dependant has no id of its own in 5010: the subscriber's id and the patient's name key them
                patientKey = subscriberId + "|" + (s.element(9).isEmpty()
                        ? s.element(3) + "|" + s.element(4) + "|" + s.element(5) : s.element(9));
            } else if (s.is(1, "PR")) {
                payerId = text(ids, s, 9);
            }
        } else if (s.is(1, "82")) {
            claim.rendering(s);
        }
    }

    /** Element {@code position}'s text, one String per distinct value in {@code texts}. */
    private static String text(X12Memo<String> texts, X12Segment s, int position) {
        try {
            return texts.parse("", s, s.span(position, 1));
        } catch (FieldException e) {
            throw new AssertionError("the text of a value always reads", e);
        }
    }

    /** A value's text as it stands. */
    private static String text(String field, String value) {
        return value;
    }

    /** The claim a service line belongs to; one with a fault when LX or SV1/SV2 comes before any CLM. */
    private Claim open() {
        if (claim == null) {
            claim = new Claim(null);
        }
        return claim;
    }

    /** One CLM and what follows it up to the next claim, with the parties and envelope it stands in. */
    final class Claim {
        final X12Segment clm;
        final String transactionControl = transaction;
        final String implementation = version;
        final String id;
        final List<X12Segment> diagnoses = new ArrayList<>(2);
        final List<Line> lines = new ArrayList<>(4);
        final X12Segment billing = billingProvider;
        final String patient = patientKey;
        final String payer = payerId;
        X12Segment claimDate;
        X12Segment statementDate;
        X12Segment rendering;
        X12Segment pendingLx;
        boolean inLines;

        Claim(X12Segment clm) {
            this.clm = clm;
            this.id = clm == null ? "" : clm.element(1);
        }

        void date(X12Segment s) {
            if (inLines) {
                Line line = lines.isEmpty() ? null : lines.get(lines.size() - 1);
                if (line != null && s.is(1, "472") && line.date == null) {
                    line.date = s;
                }
            } else if (s.is(1, "472") && claimDate == null) {
                claimDate = s;
            } else if (s.is(1, "434") && statementDate == null) {
                statementDate = s;
            }
        }

        void rendering(X12Segment s) {
            if (!inLines) {
                rendering = s;
            } else if (!lines.isEmpty() && pendingLx == null) {
                lines.get(lines.size() - 1).rendering = s;
            }
        }

        void lx(X12Segment s) {
            inLines = true;
            pendingLx = s;
        }

        void service(X12Segment s) {
            inLines = true;
            lines.add(new Line(pendingLx, s));
            pendingLx = null;
        }
    }

    /** One LX and its SV1/SV2 with the line's own date and rendering provider. */
    private static final class Line {
        final X12Segment lx;
        final X12Segment service;
        X12Segment date;
        X12Segment rendering;

        Line(X12Segment lx, X12Segment service) {
            this.lx = lx;
            this.service = service;
        }
    }

    /** A line set aside alone (it has no procedure code), not for a fault of its claim. */
    private static final class LineOnly extends Exception {
        final String field;

        LineOnly(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    @FunctionalInterface
    private interface Value<T> {
        T get() throws FieldException;
    }

    /**
     * Every value of a claim that cannot be read, each naming its element and where its segment is: a claim is
     * read to its end, so that its reject lists all of them, not only the first.
     */
    private static final class Faults {
        final List<FieldException> found = new ArrayList<>(2);
        /** Whether a value the edits need cannot be read: the whole claim is set aside. */
        boolean hard;

        /** The value read from the segment, or the fallback with the fault noted: a value the edits need. */
        <T> T at(X12Segment segment, Value<T> value, T fallback) {
            try {
                return value.get();
            } catch (FieldException e) {
                add(e.field(), e.getMessage() + " in " + X12ClaimReader.where(segment));
                return fallback;
            }
        }

        /**
         * A value no edit needs ({@link InputField}): unreadable, the fallback (empty) with the field added to
         * {@code unreadable}, and the fault named should the claim be set aside for another one.
         */
        <T> T soft(X12Segment segment, InputField field, Set<InputField> unreadable, Value<T> value, T fallback) {
            try {
                return value.get();
            } catch (FieldException e) {
                found.add(new FieldException(e.field(), e.getMessage() + " in " + X12ClaimReader.where(segment)));
                unreadable.add(field);
                return fallback;
            }
        }

        void add(String field, String reason) {
            found.add(new FieldException(field, reason));
            hard = true;
        }

        /** Forgets every fault, for the next claim. */
        void clear() {
            found.clear();
            hard = false;
        }

        /** The first fault's element, the field of every reject of the claim. */
        String field() {
            return found.get(0).field();
        }

        /** One fault's reason, or each fault with its element. */
        String reason() {
            if (found.size() == 1) {
                return found.get(0).getMessage();
            }
            StringBuilder reason = new StringBuilder();
            for (FieldException e : found) {
                reason.append(reason.length() == 0 ? "" : "; ").append(e.field()).append(": ").append(e.getMessage());
            }
            return reason.toString();
        }
    }

    private void flush() throws IOException {
        Claim c = claim;
        if (c != null) {
            claim = null;
            completed.claim(c);
        }
    }

    /** Checks a complete claim's values and hands its lines, or their rejects, to the sink. */
    void emit(Claim c) {
        if (c.lines.isEmpty()) {
            // nothing to scrub, but never dropped in silence: one reject, counted as a line read
            X12Segment where = c.pendingLx != null ? c.pendingLx : c.clm;
            linesRead++;
            sink.reject(new Reject(source(c, null, where), c.id, "SV1", "the claim has no service line (no SV1 or"
                    + " SV2 segment after " + X12ClaimReader.where(where) + ")", ""));
            return;
        }
        lastVisit = null;
        List<Object> results = new ArrayList<>(c.lines.size());
        List<SourceRef> sources = new ArrayList<>(c.lines.size());
        Faults faults = this.faults;
        faults.clear();
        ClaimValues values = claimValues(c, faults);
        for (Line line : c.lines) {
            SourceRef source = source(c, line.lx, line.service);
            sources.add(source);
            try {
                results.add(line(c, values, line, source, faults));
            } catch (LineOnly e) {
                results.add(e);
            }
        }
        for (int i = 0; i < c.lines.size(); i++) {
            Line line = c.lines.get(i);
            SourceRef source = sources.get(i);
            linesRead++;
            if (faults.hard) {
                String scope = c.lines.size() == 1 ? "; the claim is set aside"
                        : "; the whole claim (" + c.lines.size() + " lines) is set aside";
                sink.reject(new Reject(source, c.id, faults.field(), faults.reason() + scope, line.service.text()));
            } else if (results.get(i) instanceof LineOnly only) {
                sink.reject(new Reject(source, c.id, only.field, only.getMessage(), line.service.text()));
            } else {
                ClaimLine claimLine = (ClaimLine) results.get(i);
                try {
                    if (duplicates != null) {
                        duplicates.check(claimLine);
                    }
                    sink.accept(claimLine, line.service::text);
                } catch (FieldException e) {
                    sink.reject(new Reject(source, c.id, e.field(), e.getMessage(), line.service.text()));
                }
            }
        }
    }

    /** "ST 0021 CLM 26463774 LX 2 SV1 at segment 33 (line 33)" */
    private SourceRef source(Claim c, X12Segment lx, X12Segment segment) {
        StringBuilder position = this.position;
        position.setLength(0);
        if (!c.transactionControl.isEmpty()) {
            position.append("ST ").append(c.transactionControl).append(' ');
        }
        if (!c.id.isEmpty()) {
            position.append("CLM ").append(c.id).append(' ');
        }
        if (lx != null) {
            position.append("LX ").append(text(v.texts, lx, 1)).append(' ');
        }
        X12ClaimReader.where(position, segment);
        return new SourceRef(fileIndex, file, segment.ordinal(), position.toString());
    }

    /** What every line of a claim shares, read once. */
    private record ClaimValues(String claimId, ClaimType type, String billingNpi, String renderingNpi,
                               String placeOfService, String typeOfBill, LocalDate claimDate,
                               List<String> diagnoses, Set<InputField> unreadable) {
    }

    private ClaimValues claimValues(Claim c, Faults faults) {
        ClaimType type = claimType(c);
        if (c.clm == null) {
            faults.add("CLM-01", "service line outside a claim: no CLM segment before "
                    + X12ClaimReader.where(c.lines.get(0).service));
            return new ClaimValues("", type, "", "", "", "", null, List.of(), Set.of());
        }
        X12Segment clm = c.clm;
        String claimId = faults.at(clm, () -> Fields.required("CLM-01", c.id), "");
        String billingNpi = c.billing == null ? "" : faults.at(c.billing, () -> npi(c.billing), "");
        Set<InputField> unreadable = EnumSet.noneOf(InputField.class);
        String renderingNpi = c.rendering == null ? "" : faults.soft(c.rendering, InputField.RENDERING_NPI,
                unreadable, () -> npi(c.rendering), "");
        String pos = "";
        String tob = "";
        if (type == ClaimType.PROFESSIONAL) {
            pos = faults.soft(clm, InputField.PLACE_OF_SERVICE, unreadable,
                    () -> v.placesOfService.parse("CLM-05", clm, clm.span(5, 1)), "");
        } else {
            String facility = clm.component(5, 1);
            String frequency = clm.component(5, 3);
            tob = facility.isEmpty() ? ""
                    : faults.at(clm, () -> v.typesOfBill.parse("CLM-05", facility + frequency), "");
        }
        LocalDate claimDate = null;
        X12Segment dateSegment = c.claimDate != null ? c.claimDate : c.statementDate;
        if (dateSegment != null) {
            claimDate = faults.at(dateSegment, () -> date(dateSegment), LocalDate.MIN);
        }
        return new ClaimValues(claimId, type, billingNpi, renderingNpi, pos, tob, claimDate,
                claimDiagnoses(c, unreadable, faults), unreadable);
    }

    /**
     * The claim's diagnoses from its HI segments; a claim's one HI segment is looked up whole, by its bytes, as the
     * same diagnoses repeat over many claims.
     */
    private List<String> claimDiagnoses(Claim c, Set<InputField> unreadable, Faults faults) {
        X12Segment only = c.diagnoses.size() == 1 ? c.diagnoses.get(0) : null;
        if (only != null) {
            if (!only.delimiters().equals(diagnosisDelimiters)) {
                // the memo's keys are whole segments, which read otherwise with other separators
                diagnosisLists = new X12Memo<>();
                diagnosisDelimiters = only.delimiters();
            }
            List<String> known = diagnosisLists.get(only.data(), only.elements(), 0);
            if (known != null) {
                return known;
            }
        }
        List<String> diagnoses = new ArrayList<>();
        for (X12Segment hi : c.diagnoses) {
            faults.soft(hi, InputField.DIAGNOSIS_CODES, unreadable, () -> diagnoses(hi, diagnoses), diagnoses);
        }
        if (unreadable.contains(InputField.DIAGNOSIS_CODES)) {
            return List.of();
        }
        List<String> read = List.copyOf(diagnoses);
        if (only != null) {
            diagnosisLists.put(only.data(), only.elements(), 0, read);
        }
        return read;
    }

    /** By the implementation guide the transaction names (ST03, else GS08), else by the service segment. */
    private ClaimType claimType(Claim c) {
        if (c.implementation.contains("X222")) {
            return ClaimType.PROFESSIONAL;
        }
        if (c.implementation.contains("X223")) {
            return ClaimType.INSTITUTIONAL;
        }
        return c.lines.get(0).service.kind() == X12Tag.SV2 ? ClaimType.INSTITUTIONAL : ClaimType.PROFESSIONAL;
    }

    /** NM108 XX: the NPI in NM109; another id qualifier (an EIN, a payer id) gives no NPI. */
    private String npi(X12Segment nm1) throws FieldException {
        return v.providers.ofSegment(nm1, () -> npiOf(nm1));
    }

    /** {@link #npi} element by element. */
    private String npiOf(X12Segment nm1) throws FieldException {
        if (!nm1.is(8, "XX")) {
            return "";
        }
        // only billing (85) and rendering (82) providers are read for their NPI
        String field = nm1.is(1, "85") ? "NM1*85-09" : nm1.is(1, "82") ? "NM1*82-09" : "NM1*" + nm1.element(1) + "-09";
        return v.npis.parse(field, nm1, nm1.span(9, 1));
    }

    /** DTP-03 in D8 (one date) or RD8 (a range: its first day) form. */
    private LocalDate date(X12Segment dtp) throws FieldException {
        return v.dateSegments.ofSegment(dtp, () -> dateOf(dtp));
    }

    /** {@link #date} element by element. */
    private LocalDate dateOf(X12Segment dtp) throws FieldException {
        long value = dtp.span(3, 1);
        if (dtp.is(2, "RD8")) {
            byte[] data = dtp.data();
            int start = X12Segment.start(value);
            int end = X12Segment.end(value);
            for (int i = start; i < end; i++) {
                if (data[i] == '-') {
                    end = i; // the range's first day: the same text as value.substring(0, value.indexOf('-'))
                    break;
                }
            }
            return v.dates.parse("DTP-03", dtp, X12Segment.between(start, end));
        }
        if (!dtp.is(2, "D8")) {
            throw new FieldException("DTP-02", "date format '" + dtp.element(2) + "' is not D8 or RD8");
        }
        return v.dates.parse("DTP-03", dtp, value);
    }

    private static LocalDate d8(String field, String value) throws FieldException {
        try {
            return LocalDate.parse(Fields.required(field, value), D8);
        } catch (DateTimeParseException e) {
            throw new FieldException(field, "'" + value + "' is not a real date in CCYYMMDD form");
        }
    }

    /**
     * HI elements are qualifier:code; ABK/ABF carry ICD-10-CM (checked as the CSV reader checks them), BK/BF
     * ICD-9-CM. Other qualifiers (occurrence, value, condition codes...) are not diagnoses.
     */
    private List<String> diagnoses(X12Segment hi, List<String> into) throws FieldException {
        int size = hi.size();
        for (int e = 1; e <= size; e++) {
            String qualifier = hi.component(e, 1);
            String code = hi.component(e, 2);
            if (code.isEmpty()) {
                continue;
            }
            String field = e < 10 ? "HI-0" + e : "HI-" + e;
            switch (qualifier) {
                case "ABK", "ABF" -> into.addAll(v.diagnoses.parse(field, hi, hi.span(e, 2)));
                case "BK", "BF" -> {
                    if (!ICD9.matcher(code).matches()) {
                        throw new FieldException(field, "'" + code + "' is not an ICD-9-CM code (qualifier "
                                + qualifier + ")");
                    }
                    into.add(code);
                }
                default -> {
                    // not a diagnosis
                }
            }
        }
        return into;
    }

    /** The line, or null when a value of it or of its claim cannot be read (the faults say which). */
    private ClaimLine line(Claim c, ClaimValues values, Line line, SourceRef source, Faults faults) throws LineOnly {
        X12Segment sv = line.service;
        int lineNumber = 0;
        if (line.lx == null) {
            faults.add("LX-01", "no LX segment before " + X12ClaimReader.where(sv)
                    + ", so the service line has no number");
        } else {
            lineNumber = faults.at(line.lx, () -> v.lineNumbers.parse("LX-01", line.lx, line.lx.span(1, 1)), 0);
        }
        // the claim's unreadable fields, less those the line has its own value for
        Set<InputField> unreadable = lineUnreadable; // reused: the line copies it
        unreadable.clear();
        unreadable.addAll(values.unreadable());
        ServiceValues service = service(sv, unreadable, faults);
        String pos = service.placeOfService() != null ? service.placeOfService() : values.placeOfService();
        LocalDate dos = line.date != null ? faults.at(line.date, () -> date(line.date), LocalDate.MIN)
                : values.claimDate();
        if (dos == null) {
            faults.add("DTP-03", "no date of service: no DTP*472 on the line or the claim"
                    + (values.type() == ClaimType.INSTITUTIONAL ? " and no DTP*434 statement dates" : "")
                    + " for " + X12ClaimReader.where(sv));
        }
        String rendering = "";
        if (line.rendering != null) {
            // unreadable (null), the line has no rendering provider: never the claim's
            String own = faults.soft(line.rendering, InputField.RENDERING_NPI, unreadable,
                    () -> npi(line.rendering), null);
            if (own != null && !own.isEmpty()) {
                rendering = own;
                unreadable.remove(InputField.RENDERING_NPI); // the line's own provider, not the claim's
            }
        }
        if (rendering.isEmpty() && !unreadable.contains(InputField.RENDERING_NPI)) {
            rendering = values.renderingNpi();
        }
        if (faults.hard) {
            return null;
        }
        Procedure procedure = service.procedure();
        return new ClaimLine(source, values.claimId(), lineNumber, dos, procedure.code(), procedure.modifiers(),
                service.units(), c.patient, values.billingNpi(), rendering, values.type(), values.typeOfBill(), pos,
                service.charge(), values.diagnoses(), service.revenueCode(), visit(values, c.patient, dos),
                c.payer, unreadable);
    }

    /**
     * The values of a service line segment: found whole by its bytes when the same segment has been read before
     * without a fault (a line's segments repeat over a file far more than its claims do), else read element by
     * element, noting faults and the fields no edit needs that do not read in {@code unreadable}, as the line's
     * own place of service takes the claim's out of it.
     */
    private ServiceValues service(X12Segment sv, Set<InputField> unreadable, Faults faults) throws LineOnly {
        long segment = sv.bytes();
        int salt = sv.delimiters().salt();
        ServiceValues known = v.services.get(sv.data(), segment, salt);
        if (known != null) {
            if (known.placeOfService() != null) {
                unreadable.remove(InputField.PLACE_OF_SERVICE);
            }
            return known;
        }
        int faultsBefore = faults.found.size();
        Service layout = Service.of(sv);
        Procedure procedure = procedure(sv, layout, faults);
        int units = faults.at(sv, () -> v.units.parse(layout.unitsField, sv, sv.span(layout.units, 1)), 1);
        BigDecimal charge = faults.soft(sv, InputField.CHARGE, unreadable,
                () -> v.charges.parse(layout.chargeField, sv, sv.span(layout.charge, 1)), null);
        String pos = null;
        String revenueCode = "";
        if (layout == Service.SV1) {
            long posSpan = sv.span(5, 1);
            if (X12Segment.end(posSpan) > X12Segment.start(posSpan)) {
                unreadable.remove(InputField.PLACE_OF_SERVICE);
                pos = faults.soft(sv, InputField.PLACE_OF_SERVICE, unreadable,
                        () -> v.placesOfService.parse("SV1-05", sv, posSpan), "");
            }
        } else {
            revenueCode = faults.soft(sv, InputField.REVENUE_CODE, unreadable,
                    () -> v.revenueCodes.parse("SV2-01", sv, sv.span(1, 1)), "");
        }
        ServiceValues read = new ServiceValues(procedure, units, charge, pos, revenueCode);
        if (faults.found.size() == faultsBefore) {
            v.services.put(sv.data(), segment, salt, read);
        }
        return read;
    }

    /** The line's visit: one per date of service of the claim, as every line of a claim has its parties. */
    private Visit visit(ClaimValues values, String patient, LocalDate dos) {
        if (lastVisit == null || !lastVisit.dateOfService().equals(dos)) {
            lastVisit = Visit.of(values.claimId(), patient, values.billingNpi(), dos);
        }
        return lastVisit;
    }

    /**
     * The code and modifiers of the procedure composite (SV101 / SV202), found by its bytes when the same
     * composite has been read before, else read as {@link #code} and {@link #modifiers} read them: with their
     * faults noted, or a {@link LineOnly} when the line has no HCPCS/CPT code.
     */
    private Procedure procedure(X12Segment sv, Service layout, Faults faults) throws LineOnly {
        int codeElement = layout.code;
        long composite = sv.tail(codeElement, 1);
        int salt = sv.delimiters().component();
        Procedure known = v.procedures.get(sv.data(), composite, salt);
        if (known != null) {
            return known;
        }
        String codeField = layout.codeField;
        String qualifier = sv.component(codeElement, 1);
        String rawCode = sv.component(codeElement, 2);
        if (rawCode.isEmpty() || !qualifier.equals("HC")) {
            throw new LineOnly(codeField, (qualifier.isEmpty() ? "no procedure code"
                    : "product/service id qualifier '" + qualifier + "' is not HC (HCPCS/CPT)")
                    + ": claimscrub edits need a HCPCS or CPT code; the line is set aside, the rest of the claim"
                    + " is scrubbed");
        }
        int faultsBefore = faults.found.size();
        String code = faults.at(sv, () -> code(codeField, rawCode), "");
        Modifiers modifiers = faults.at(sv, () -> v.modifiers.parse(codeField, modifiers(sv, codeElement)),
                Modifiers.NONE);
        Procedure read = new Procedure(code, modifiers);
        if (faults.found.size() == faultsBefore) {
            v.procedures.put(sv.data(), composite, salt, read);
        }
        return read;
    }

    /**
     * The procedure code, checked as the CSV reader checks it. The reason quotes the code, unlike a CSV cell's
     * (which may hold a shifted patient id): SV101-2 / SV202-2 holds a procedure code and nothing else, and the
     * reject shows the segment anyway.
     */
    private String code(String field, String raw) throws FieldException {
        try {
            return v.codes.parse(field, raw);
        } catch (FieldException e) {
            throw new FieldException(field, "'" + raw + "' is not a CPT or HCPCS code: expected "
                    + CodeForm.expectedForms());
        }
    }

    /** Components 3 to 6 of the procedure composite, as one space-separated modifiers cell. */
    private static String modifiers(X12Segment sv, int element) {
        int components = Math.min(sv.components(element), 6);
        if (components < 3) {
            return "";
        }
        StringBuilder out = new StringBuilder(12);
        for (int i = 3; i <= components; i++) {
            String modifier = sv.component(element, i);
            if (!modifier.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(modifier);
            }
        }
        return out.toString();
    }
}
