package org.claimscrub.reader;

import org.claimscrub.concurrent.Handoff;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;
import org.claimscrub.reader.CsvColumns.Column;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads claim lines from CSV (see docs/input-csv.md): a header row is required; its names are matched
 * case-insensitively, with the usual export names as aliases and the user's {@code --column} mappings; columns
 * may come in any order and the separator (comma, semicolon, tab or pipe) is told from the header. Cells are
 * trimmed; codes and modifiers are upper-cased. A line that cannot be read goes to the sink as a {@link Reject}
 * naming every bad cell, and reading goes on; a line whose only bad cells are fields no edit needs is kept with
 * those fields empty and named in {@link ClaimLine#unreadableFields()}. Rows of only empty cells are skipped and
 * counted in {@link #notes()}.
 *
 * <p>A reject's raw text never holds the patient id: {@link #PATIENT_MASK} stands in its cell.
 *
 * <p>One reader instance is one batch: a line number repeated within a claim is rejected even when the
 * claim's lines are spread over several files (unless the reader was made {@link #withoutDuplicateCheck()}).
 */
public final class CsvClaimReader implements ClaimInput {
    /** What a reject's raw text shows in place of the patient id cell. */
    public static final String PATIENT_MASK = "[patient_id]";
    /** What a reject's raw text shows in a cell the patient id may have shifted into (a short or long row). */
    public static final String WITHHELD = "[withheld]";
    private static final int EMPTY_ROWS_LISTED = 10;

    private final DuplicateLineNumbers duplicates;
    private final CsvReadOptions options;
    /** Records split so far over every file, written by the reading thread only; see {@link #recordsRead}. */
    private volatile long recordsRead;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final CellMemo<LocalDate> dates = new CellMemo<>(Fields::date);
    private final CellMemo<String> codes = new CellMemo<>(Fields::procedureCode);
    private final CellMemo<Modifiers> modifierSets = new CellMemo<>(Fields::modifiers);
    private final CellMemo<Integer> unitCounts = new CellMemo<>(Fields::units);
    private final CellMemo<String> npis = new CellMemo<>(Fields::npi);
    private final CellMemo<ClaimType> claimTypes = new CellMemo<>(Fields::claimType);
    private final CellMemo<String> typesOfBill = new CellMemo<>(Fields::typeOfBill);
    private final CellMemo<String> placesOfService = new CellMemo<>(Fields::placeOfService);
    private final CellMemo<List<String>> diagnosisLists = new CellMemo<>(Fields::diagnosisCodes);
    private final CellMemo<String> revenueCodes = new CellMemo<>(Fields::revenueCode);

    /** A reader of UTF-8 files that rejects a repeated claim line number anywhere in the batch. */
    public CsvClaimReader() {
        this(new DuplicateLineNumbers(), CsvReadOptions.DEFAULT);
    }

    /** A reader with the given encoding and column mappings that rejects a repeated line number in the batch. */
    public CsvClaimReader(CsvReadOptions options) {
        this(new DuplicateLineNumbers(), options);
    }

    private CsvClaimReader(DuplicateLineNumbers duplicates, CsvReadOptions options) {
        this.duplicates = duplicates;
        this.options = options;
    }

    /**
     * A reader for batches of any size: it leaves repeated line numbers to the caller, which checks them with
     * {@link DuplicateLineNumbers} where it groups a claim's lines anyway.
     */
    public static CsvClaimReader withoutDuplicateCheck() {
        return withoutDuplicateCheck(CsvReadOptions.DEFAULT);
    }

    public static CsvClaimReader withoutDuplicateCheck(CsvReadOptions options) {
        return new CsvClaimReader(null, options);
    }

    /**
     * Records (empty rows aside) split from every file so far, counted on the reading thread as they are split,
     * ahead of the sink: what the bytes read so far hold, for estimating a batch's size from them.
     */
    public long recordsRead() {
        return recordsRead;
    }

    /**
     * What the user should know of the files read so far, one line each, naming the file: columns that look like
     * a modifier or code column but are not read, {@code --column} mappings a file has no column for, and how
     * many rows of only empty cells were skipped (and on which lines). The caller shows them on the console and
     * in the run manifest. Header names appear here, never a cell of a data row.
     */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /**
     * Reads one file's bytes under the given name; returns the number of lines read. The CSV is split into
     * cells on the calling thread and the cells are checked, turned into lines and handed to the sink on a
     * second thread, in input order: splitting and checking each take about half of reading. The sink is called
     * from that second thread only.
     *
     * @throws InputException the file cannot be read at all: empty, no separator or required column in the
     *                        header, or bytes that are not valid in the declared encoding (naming the line)
     */
    @Override
    public long read(InputStream bytes, String name, int fileIndex, ClaimSink sink) throws InputException {
        CsvTokenizer csv = new CsvTokenizer(bytes, options.charset());
        try {
            CsvColumns columns = header(csv, name);
            notes.addAll(columns.warnings());
            EmptyRows empty = new EmptyRows();
            try (Handoff<Cells> checker = new Handoff<>("claimscrub-reader",
                    batch -> check(batch, name, fileIndex, columns, csv.separator(), sink))) {
                long linesRead = 0;
                Cells batch = new Cells();
                CsvTokenizer.Record record;
                while ((record = csv.next()) != null) {
                    if (!record.isMalformed() && isEmpty(record.cells())) {
                        empty.add(record.line());
                        continue;
                    }
                    linesRead++;
                    recordsRead = recordsRead + 1;
                    batch.add(record);
                    if (batch.size == Cells.SIZE) {
                        checker.submit(batch);
                        batch = new Cells();
                    }
                }
                checker.submit(batch);
                checker.finish();
                if (empty.count > 0) {
                    notes.add(name + ": " + empty.describe());
                }
                return linesRead;
            }
        } catch (CsvTokenizer.EncodingException e) {
            throw encoding(name, e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }

    private InputException encoding(String name, CsvTokenizer.EncodingException e) {
        return new InputException(name + " line " + e.line + ": " + e.getMessage() + " (the first invalid byte is on"
                + " this line); if the file is in another encoding, say which with --encoding NAME, e.g."
                + " --encoding windows-1252");
    }

    private CsvColumns header(CsvTokenizer csv, String name) throws IOException, InputException {
        char separator = csv.detectSeparator();
        CsvTokenizer.Record header = csv.next();
        if (header == null) {
            throw new InputException(name + ": the file is empty; a header row naming the columns is required");
        }
        if (separator == 0) {
            throw new InputException(name + " line 1: the header row holds no comma, semicolon, tab or pipe (or two"
                    + " of them equally often), so the separator cannot be told; a header row naming the columns is"
                    + " required");
        }
        if (header.isMalformed()) {
            throw new InputException(name + " line 1: the header row cannot be split into cells: "
                    + header.malformed());
        }
        return CsvColumns.of(name, header.cells(), options.columns());
    }

    private static boolean isEmpty(String[] cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Rows of only empty cells (blank lines too) in one file, with the first few line numbers. */
    private static final class EmptyRows {
        long count;
        final List<Long> first = new ArrayList<>();

        void add(long line) {
            count++;
            if (first.size() < EMPTY_ROWS_LISTED) {
                first.add(line);
            }
        }

        String describe() {
            StringJoiner lines = new StringJoiner(", ", count == 1 ? "line " : "lines ",
                    count > first.size() ? ", ..." : "");
            first.forEach(l -> lines.add(Long.toString(l)));
            return count + (count == 1 ? " row" : " rows") + " of only empty cells skipped (" + lines + ")";
        }
    }

    /** Some records (cells, or why they are malformed) with the physical line each starts on. */
    private static final class Cells {
        static final int SIZE = 2_048;
        final CsvTokenizer.Record[] records = new CsvTokenizer.Record[SIZE];
        int size;

        void add(CsvTokenizer.Record record) {
            records[size++] = record;
        }
    }

    /** Checks records into claim lines or rejects and hands them to the sink: the second thread of {@link #read}. */
    private void check(Cells batch, String name, int fileIndex, CsvColumns columns, char separator,
                       ClaimSink sink) {
        for (int i = 0; i < batch.size; i++) {
            CsvTokenizer.Record record = batch.records[i];
            SourceRef source = new SourceRef(fileIndex, name, record.line());
            if (record.isMalformed()) {
                sink.reject(new Reject(source, "", "", record.malformed(),
                        maskedText(record.text(), separator, columns)));
                continue;
            }
            String[] cells = record.cells();
            Problems problems = new Problems();
            ClaimLine line = parse(source, columns, cells, problems);
            if (line != null && duplicates != null) {
                try {
                    duplicates.check(line);
                } catch (FieldException e) {
                    problems.add(e);
                    line = null;
                }
            }
            if (line != null) {
                String[] row = cells;
                sink.accept(line, () -> masked(row, separator, columns));
            } else {
                int claimIndex = columns.index(Column.CLAIM_ID);
                String claimId = mayHoldPatient(claimIndex, columns.patientIndex(), cells.length - columns.width())
                        ? "" : columns.cell(cells, Column.CLAIM_ID);
                sink.reject(new Reject(source, claimId, problems.fields(), problems.reason(),
                        masked(cells, separator, columns)));
            }
        }
    }

    /**
    /**
     * The bad cells of one line, every one of them; the soft ones (fields no edit needs) apart. Made for every
     * line, so it allocates only when a cell is bad.
     */
    private static final class Problems {
        List<FieldException> all;
        Set<InputField> soft = Set.of();
        boolean hard;

        void add(FieldException e) {
            list().add(e);
            hard = true;
        }

        void addSoft(InputField field, FieldException e) {
            list().add(e);
            if (soft.isEmpty()) {
                soft = EnumSet.noneOf(InputField.class);
            }
            soft.add(field);
        }

        private List<FieldException> list() {
            if (all == null) {
                all = new ArrayList<>(2);
            }
            return all;
        }

        String fields() {
            StringJoiner fields = new StringJoiner(", ");
            all.forEach(e -> fields.add(e.field()));
            return fields.toString();
        }

        String reason() {
            if (all.size() == 1) {
                return all.get(0).getMessage();
            }
            StringJoiner reasons = new StringJoiner("; ");
            all.forEach(e -> reasons.add(e.field().isEmpty() ? e.getMessage() : e.field() + ": " + e.getMessage()));
            return reasons.toString();
        }
    }

    /** A cell every edit may need: unreadable, the line is rejected. */
    private <T> T hard(CellMemo<T> memo, Column column, String value, Problems problems) {
        try {
            return memo.parse(column.header, value);
        } catch (FieldException e) {
            problems.add(e);
            return null;
        }
    }

    /** A cell no edit needs: unreadable, the field is left empty and named on the line. */
    private <T> T soft(CellMemo<T> memo, Column column, InputField field, String value, T empty,
                       Problems problems) {
        try {
            return memo.parse(column.header, value);
        } catch (FieldException e) {
            problems.addSoft(field, e);
            return empty;
        }
    }

    /** The line, or null when a cell the edits need is unreadable (the problems say which, all of them). */
    private ClaimLine parse(SourceRef source, CsvColumns columns, String[] cells, Problems problems) {
        if (cells.length < columns.width()) {
            problems.add(new FieldException("", "short row: " + cells.length + " cells where the header has "
                    + columns.width()));
            return null;
        }
        if (cells.length > columns.width()) {
            problems.add(new FieldException("", "long row: " + cells.length + " cells where the header has "
                    + columns.width() + " (an unquoted separator?)"));
            return null;
        }
        String claimId = columns.cell(cells, Column.CLAIM_ID);
        if (claimId.isEmpty()) {
            problems.add(new FieldException(Column.CLAIM_ID.header, "required value is missing"));
        }
        Integer lineNumber = null;
        try {
            lineNumber = Fields.lineNumber(Column.LINE_NUMBER.header, columns.cell(cells, Column.LINE_NUMBER));
        } catch (FieldException e) {
            problems.add(e);
        }
        LocalDate dos = hard(dates, Column.DATE_OF_SERVICE, columns.cell(cells, Column.DATE_OF_SERVICE), problems);
        String code = hard(codes, Column.PROCEDURE_CODE, columns.cell(cells, Column.PROCEDURE_CODE), problems);
        Modifiers modifiers = modifiers(columns, cells, problems);
        Integer units = hard(unitCounts, Column.UNITS, columns.cell(cells, Column.UNITS), problems);
        String patientId = columns.cell(cells, Column.PATIENT_ID);
        String billingNpi = hard(npis, Column.BILLING_NPI, columns.cell(cells, Column.BILLING_NPI), problems);
        String renderingNpi = soft(npis, Column.RENDERING_NPI, InputField.RENDERING_NPI,
                columns.cell(cells, Column.RENDERING_NPI), "", problems);
        ClaimType claimType = hard(claimTypes, Column.CLAIM_TYPE, columns.cell(cells, Column.CLAIM_TYPE), problems);
        String typeOfBill = hard(typesOfBill, Column.TYPE_OF_BILL, columns.cell(cells, Column.TYPE_OF_BILL),
                problems);
        String pos = soft(placesOfService, Column.PLACE_OF_SERVICE, InputField.PLACE_OF_SERVICE,
                columns.cell(cells, Column.PLACE_OF_SERVICE), "", problems);
        BigDecimal charge = null;
        try {
            charge = Fields.charge(Column.CHARGE.header, columns.cell(cells, Column.CHARGE));
        } catch (FieldException e) {
            problems.addSoft(InputField.CHARGE, e);
        }
        List<String> diagnoses = soft(diagnosisLists, Column.DIAGNOSIS_CODES, InputField.DIAGNOSIS_CODES,
                columns.cell(cells, Column.DIAGNOSIS_CODES), List.of(), problems);
        String revenueCode = soft(revenueCodes, Column.REVENUE_CODE, InputField.REVENUE_CODE,
                columns.cell(cells, Column.REVENUE_CODE), "", problems);
        String payerId = columns.cell(cells, Column.PAYER_ID);
        if (problems.hard) {
            return null;
        }
        return new ClaimLine(source, claimId, lineNumber, dos, code, modifiers, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, pos, charge, diagnoses, revenueCode,
                Visit.of(claimId, patientId, billingNpi, dos), payerId, problems.soft);
    }

    /**
     * The {@code modifiers} cell, then {@code modifier_1} to {@code modifier_4} in order, each modifier once
     * (the union: a modifier in both the list and its own column is the same modifier); more than four in all
     * is a bad cell.
     */
    private Modifiers modifiers(CsvColumns columns, String[] cells, Problems problems) {
        Modifiers listed = hard(modifierSets, Column.MODIFIERS, columns.cell(cells, Column.MODIFIERS), problems);
        List<String> all = null;
        boolean bad = listed == null;
        for (int n = 1; n <= CsvColumns.MODIFIER_COLUMNS; n++) {
            String cell = columns.modifierCell(cells, n);
            if (cell.isEmpty()) {
                continue;
            }
            try {
                Modifiers own = modifierSets.parse(CsvColumns.modifierFieldName(n), cell);
                if (all == null) {
                    all = new ArrayList<>(bad ? List.of() : listed.values());
                }
                for (String modifier : own.values()) {
                    if (!all.contains(modifier)) {
                        all.add(modifier);
                    }
                }
            } catch (FieldException e) {
                problems.add(e);
                bad = true;
            }
        }
        if (bad) {
            return null;
        }
        if (all == null) {
            return listed;
        }
        if (all.size() > Modifiers.MAX) {
            problems.add(new FieldException(Column.MODIFIERS.header, all.size() + " modifiers given over the"
                    + " modifier columns; a line takes at most " + Modifiers.MAX));
            return null;
        }
        return new Modifiers(all);
    }

    /**
     * The row as a reject shows it, with the patient id cell masked. In a row whose cell count differs from the
     * header's, the patient id may have shifted by the difference (left in a short row, right in a long one), so
     * every cell it could have shifted into is withheld too.
     */
    private static String masked(String[] cells, char separator, CsvColumns columns) {
        int patient = columns.patientIndex();
        int shift = cells.length - columns.width();
        return join(cells, separator, patient, patient + Math.min(shift, 0), patient + Math.max(shift, 0));
    }

    /**
     * A malformed record's first physical line, split naively on the separator (quotes cannot be trusted there),
     * masked as {@link #masked} does, with at least one cell either side of the patient id's place withheld.
     */
    private static String maskedText(String text, char separator, CsvColumns columns) {
        int patient = columns.patientIndex();
        if (patient < 0) {
            return text;
        }
        String[] pieces = text.split(Pattern.quote(String.valueOf(separator)), -1);
        int shift = pieces.length - columns.width();
        return join(pieces, separator, patient, patient + Math.min(shift, -1), patient + Math.max(shift, 1));
    }

    /** Whether cell i may hold the patient id of a row that many cells longer (or shorter) than the header. */
    private static boolean mayHoldPatient(int i, int patient, int shift) {
        return patient >= 0 && i >= patient + Math.min(shift, 0) && i <= patient + Math.max(shift, 0);
    }

    /** The cells joined, the patient id cell masked and the other cells from {@code from} to {@code to} withheld. */
    private static String join(String[] cells, char separator, int patient, int from, int to) {
        StringJoiner raw = new StringJoiner(String.valueOf(separator));
        for (int i = 0; i < cells.length; i++) {
            boolean mask = patient >= 0 && i >= from && i <= to && !cells[i].isBlank();
            raw.add(mask ? (i == patient ? PATIENT_MASK : WITHHELD) : quoteIfNeeded(cells[i], separator));
        }
        return raw.toString();
    }

    private static String quoteIfNeeded(String cell, char separator) {
        boolean quote = cell.indexOf(separator) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
