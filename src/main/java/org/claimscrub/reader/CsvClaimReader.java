package org.claimscrub.reader;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVWriter;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;

import org.claimscrub.concurrent.Handoff;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads claim lines from CSV: a header row is required, names are case-insensitive (spaces and hyphens
 * count as underscores) and columns may come in any order. Cells are trimmed; codes and modifiers are
 * upper-cased. A line that cannot be read goes to the sink as a {@link Reject} and reading goes on.
 * Blank lines are skipped and not counted.
 *
 * <p>One reader instance is one batch: a line number repeated within a claim is rejected even when the
 * claim's lines are spread over several files (unless the reader was made {@link #withoutDuplicateCheck()}).
 */
public final class CsvClaimReader {
    private final DuplicateLineNumbers duplicates;
    /** Records split so far over every file, written by the reading thread only; see {@link #recordsRead}. */
    private volatile long recordsRead;
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

    /** A reader that rejects a repeated claim line number anywhere in the batch (memory grows with the batch). */
    public CsvClaimReader() {
        this(new DuplicateLineNumbers());
    }

    private CsvClaimReader(DuplicateLineNumbers duplicates) {
        this.duplicates = duplicates;
    }

    /**
     * A reader for batches of any size: it leaves repeated line numbers to the caller, which checks them with
     * {@link DuplicateLineNumbers} where it groups a claim's lines anyway.
     */
    public static CsvClaimReader withoutDuplicateCheck() {
        return new CsvClaimReader(null);
    }

    /** Reads one file; returns the number of lines read (accepted plus rejected). */
    public long read(Path file, int fileIndex, ClaimSink sink) throws InputException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, fileIndex, sink);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": file not found");
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * Records (blank lines aside) split from every file so far, counted on the reading thread as they are split,
     * ahead of the sink: what the bytes read so far hold, for estimating a batch's size from them.
     */
    public long recordsRead() {
        return recordsRead;
    }

    /**
     * Reads one file's bytes (UTF-8) under the given name; returns the number of lines read. The CSV is split
     * into cells on the calling thread and the cells are checked, turned into lines and handed to the sink on a
     * second thread, in input order: splitting and checking each take about half of reading. The sink is called
     * from that second thread only.
     */
    public long read(InputStream bytes, String name, int fileIndex, ClaimSink sink) throws InputException {
        try (CSVReader csv = csv(bytes)) {
            String[] header = csv.readNext();
            if (header == null) {
                throw new InputException(name + ": the file is empty; a header row naming the columns is required");
            }
            ColumnMap columns = ColumnMap.of(name, header);
            try (Handoff<Cells> checker = new Handoff<>("claimscrub-reader",
                    batch -> check(batch, name, fileIndex, columns, sink))) {
                long linesRead = 0;
                long physicalLine = csv.getLinesRead();
                Cells batch = new Cells();
                String[] cells;
                while ((cells = csv.readNext()) != null) {
                    long lineNo = physicalLine + 1;
                    physicalLine = csv.getLinesRead();
                    if (cells.length == 1 && cells[0].isBlank()) {
                        continue;
                    }
                    linesRead++;
                    recordsRead = recordsRead + 1;
                    batch.add(lineNo, cells);
                    if (batch.size == Cells.SIZE) {
                        checker.submit(batch);
                        batch = new Cells();
                    }
                }
                checker.submit(batch);
                checker.finish();
                return linesRead;
            }
        } catch (IOException | CsvException e) {
            throw new InputException(name + ": cannot be read as CSV: " + withoutClaimData(e));
        }
    }

    /** Some records' cells with the physical line each starts on. */
    private static final class Cells {
        static final int SIZE = 2_048;
        final long[] lines = new long[SIZE];
        final String[][] cells = new String[SIZE][];
        int size;

        void add(long line, String[] record) {
            lines[size] = line;
            cells[size++] = record;
        }
    }

    /** Checks records into claim lines or rejects and hands them to the sink: the second thread of {@link #read}. */
    private void check(Cells batch, String name, int fileIndex, ColumnMap columns, ClaimSink sink) {
        for (int i = 0; i < batch.size; i++) {
            String[] cells = batch.cells[i];
            SourceRef source = new SourceRef(fileIndex, name, batch.lines[i]);
            try {
                ClaimLine line = parse(source, columns, cells);
                if (duplicates != null) {
                    duplicates.check(line);
                }
                sink.accept(line, () -> raw(cells));
            } catch (FieldException e) {
                String claimId = columns.cell(cells, Column.CLAIM_ID);
                sink.reject(new Reject(source, claimId, e.field(), e.getMessage(), raw(cells)));
            }
        }
    }

    /**
     * What went wrong, without the claim text opencsv quotes in its messages ("Beginning of lost text: ..."),
     * which may hold a patient id.
     */
    static String withoutClaimData(Exception e) {
        if (e instanceof CsvMalformedLineException malformed) {
            return "line " + malformed.getLineNumber() + ": a quoted field is never closed, so the rest of the file"
                    + " cannot be split into cells (look for a stray double quote)";
        }
        if (e instanceof CsvException csv) {
            return "line " + csv.getLineNumber() + ": malformed CSV (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage();
    }

    private static CSVReader csv(InputStream bytes) {
        Reader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16);
        return new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build();
    }

    private ClaimLine parse(SourceRef source, ColumnMap columns, String[] cells) throws FieldException {
        if (cells.length < columns.width()) {
            throw new FieldException("", "short row: " + cells.length + " cells where the header has "
                    + columns.width());
        }
        if (cells.length > columns.width()) {
            throw new FieldException("", "long row: " + cells.length + " cells where the header has "
                    + columns.width() + " (an unquoted comma?)");
        }
        String claimId = Fields.required(Column.CLAIM_ID.header, columns.cell(cells, Column.CLAIM_ID));
        int lineNumber = Fields.lineNumber(Column.LINE_NUMBER.header, columns.cell(cells, Column.LINE_NUMBER));
        LocalDate dos = dates.parse(Column.DATE_OF_SERVICE.header, columns.cell(cells, Column.DATE_OF_SERVICE));
        String code = codes.parse(Column.PROCEDURE_CODE.header, columns.cell(cells, Column.PROCEDURE_CODE));
        Modifiers modifiers = modifierSets.parse(Column.MODIFIERS.header, columns.cell(cells, Column.MODIFIERS));
        int units = unitCounts.parse(Column.UNITS.header, columns.cell(cells, Column.UNITS));
        String patientId = columns.cell(cells, Column.PATIENT_ID);
        String billingNpi = npis.parse(Column.BILLING_NPI.header, columns.cell(cells, Column.BILLING_NPI));
        String renderingNpi = npis.parse(Column.RENDERING_NPI.header, columns.cell(cells, Column.RENDERING_NPI));
        ClaimType claimType = claimTypes.parse(Column.CLAIM_TYPE.header, columns.cell(cells, Column.CLAIM_TYPE));
        String typeOfBill = typesOfBill.parse(Column.TYPE_OF_BILL.header, columns.cell(cells, Column.TYPE_OF_BILL));
        String pos = placesOfService.parse(Column.PLACE_OF_SERVICE.header,
                columns.cell(cells, Column.PLACE_OF_SERVICE));
        BigDecimal charge = Fields.charge(Column.CHARGE.header, columns.cell(cells, Column.CHARGE));
        List<String> diagnoses = diagnosisLists.parse(Column.DIAGNOSIS_CODES.header,
                columns.cell(cells, Column.DIAGNOSIS_CODES));
        String revenueCode = revenueCodes.parse(Column.REVENUE_CODE.header, columns.cell(cells, Column.REVENUE_CODE));
        String payerId = columns.cell(cells, Column.PAYER_ID);
        return new ClaimLine(source, claimId, lineNumber, dos, code, modifiers, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, pos, charge, diagnoses, revenueCode,
                Visit.of(claimId, patientId, billingNpi, dos), payerId);
    }

    private static String raw(String[] cells) {
        return Arrays.stream(cells).map(CsvClaimReader::quoteIfNeeded)
                .collect(Collectors.joining(String.valueOf(ICSVWriter.DEFAULT_SEPARATOR)));
    }

    private static String quoteIfNeeded(String cell) {
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /** The columns claimscrub reads; the header names them in lower case with underscores. */
    enum Column {
        CLAIM_ID("claim_id", true),
        LINE_NUMBER("line_number", true),
        DATE_OF_SERVICE("date_of_service", true),
        PROCEDURE_CODE("procedure_code", true),
        UNITS("units", true),
        MODIFIERS("modifiers", false),
        PATIENT_ID("patient_id", false),
        BILLING_NPI("billing_npi", false),
        RENDERING_NPI("rendering_npi", false),
        CLAIM_TYPE("claim_type", false),
        TYPE_OF_BILL("type_of_bill", false),
        PLACE_OF_SERVICE("place_of_service", false),
        CHARGE("charge", false),
        DIAGNOSIS_CODES("diagnosis_codes", false),
        REVENUE_CODE("revenue_code", false),
        /** Who the claim is billed to; payer overrides (rules/overrides.csv) match on it. */
        PAYER_ID("payer_id", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    /** Where each known column sits in this file's rows; -1 for an optional column the file lacks. */
    private record ColumnMap(int[] index, int width) {

        static ColumnMap of(String file, String[] header) throws InputException {
            int[] index = new int[Column.values().length];
            Arrays.fill(index, -1);
            for (int i = 0; i < header.length; i++) {
                String name = normalise(header[i]);
                for (Column column : Column.values()) {
                    if (column.header.equals(name)) {
                        if (index[column.ordinal()] >= 0) {
                            throw new InputException(file + " line 1: column '" + column.header + "' appears twice");
                        }
                        index[column.ordinal()] = i;
                    }
                }
            }
            String missing = Arrays.stream(Column.values()).filter(c -> c.required && index[c.ordinal()] < 0)
                    .map(c -> c.header).collect(Collectors.joining(", "));
            if (!missing.isEmpty()) {
                throw new InputException(file + " line 1: missing required column(s): " + missing
                        + " (the first row must be a header row)");
            }
            return new ColumnMap(index, header.length);
        }

        private static String normalise(String name) {
            String n = name.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            return n.startsWith("\uFEFF") ? n.substring(1) : n;
        }

        String cell(String[] cells, Column column) {
            int i = index[column.ordinal()];
            return i >= 0 && i < cells.length ? cells[i].strip() : "";
        }
    }
}
