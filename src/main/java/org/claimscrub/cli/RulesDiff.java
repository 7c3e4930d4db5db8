package org.claimscrub.cli;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVWriter;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvValidationException;
import org.claimscrub.report.CsvCells;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two findings.csv files of one batch, scrubbed with two rule folders, as sorted streams: both are in
 * report order (input file, then input line), so the findings of one input line are read from each side, matched
 * by edit id, and forgotten. Memory holds one line's findings, the tally by edit, and the claim being summed.
 * Every difference goes to the detail CSV as it is found; claims go to the claims CSV as each claim's run of
 * lines ends.
 */
final class RulesDiff implements Closeable {
    static final String[] DETAIL_HEADER = {"change", "claim_id", "line_number", "procedure_code", "date_of_service",
        "edit_id", "category", "severity_before", "severity_after", "status_before", "status_after", "message_before",
        "message_after", "charge", "input_file", "input_line"};
    static final String[] CLAIMS_HEADER = {"claim_id", "added", "removed", "changed", "lines_affected",
        "charges_affected"};

    /** How a finding differs between the current rules and the candidate. */
    enum Change { ADDED, REMOVED, CHANGED }

    /** One edit's differences, and the charges of the lines they sit on. */
    static final class EditTally {
        final String category;
        final String severity;
        long added;
        long removed;
        long changed;
        BigDecimal charges = BigDecimal.ZERO;

        EditTally(String category, String severity) {
            this.category = category;
            this.severity = severity;
        }
    }

    /** A claim's differences while its lines are read. */
    private static final class ClaimTally {
        final String claimId;
        long added;
        long removed;
        long changed;
        long lines;
        BigDecimal charges = BigDecimal.ZERO;

        ClaimTally(String claimId) {
            this.claimId = claimId;
        }
    }

    private final List<String> inputs;
    private final ICSVWriter detail;
    private final ICSVWriter claims;
    private final InputCharges charges;
    final Map<String, EditTally> byEdit = new TreeMap<>();
    final List<String> firstClaims = new ArrayList<>();
    private final int claimsListed;
    private ClaimTally claim;
    long before;
    long after;
    long added;
    long removed;
    long changed;
    long linesAffected;
    long claimsAffected;
    BigDecimal chargesAffected = BigDecimal.ZERO;
    boolean chargesKnown = true;

    /**
     * @param inputs       the input files in the order scrubbed, as findings.csv names them
     * @param claimsListed how many affected claims to keep for the console and the page
     */
    RulesDiff(List<String> inputs, Writer detail, Writer claims, int claimsListed) throws IOException {
        this.inputs = inputs;
        this.detail = CsvCells.writer(detail);
        this.claims = CsvCells.writer(claims);
        this.claimsListed = claimsListed;
        this.charges = new InputCharges(inputs);
        this.detail.writeNext(DETAIL_HEADER, false);
        this.claims.writeNext(CLAIMS_HEADER, false);
    }

    boolean changedAnything() {
        return added + removed + changed > 0;
    }

    /** Reads both findings files to the end, writing every difference. */
    void compare(Path current, Path candidate) throws IOException {
        try (Side a = new Side(current); Side b = new Side(candidate)) {
            while (a.hasNext() || b.hasNext()) {
                long[] at = min(a.position(), b.position());
                List<String[]> left = a.takeAt(at);
                List<String[]> right = b.takeAt(at);
                before += left.size();
                after += right.size();
                compareLine(left, a, right, b);
            }
        }
        flushClaim();
        detail.flush();
        claims.flush();
    }

    private static long[] min(long[] x, long[] y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        return Arrays.compare(x, y) <= 0 ? x : y;
    }

    /** The findings of one input line on each side, matched by edit id (in order, for an edit raised twice). */
    private void compareLine(List<String[]> left, Side a, List<String[]> right, Side b) throws IOException {
        List<String[]> unmatched = new ArrayList<>(right);
        boolean lineAffected = false;
        Side any = left.isEmpty() ? b : a;
        String[] sample = left.isEmpty() ? right.get(0) : left.get(0);
        List<String[]> differences = new ArrayList<>();
        for (String[] l : left) {
            String[] r = null;
            for (String[] candidate : unmatched) {
                if (b.get(candidate, "edit_id").equals(a.get(l, "edit_id"))) {
                    r = candidate;
                    break;
                }
            }
            if (r == null) {
                differences.add(row(Change.REMOVED, a, l, null, null));
                continue;
            }
            unmatched.remove(r);
            if (!a.get(l, "severity").equals(b.get(r, "severity")) || !a.get(l, "message").equals(b.get(r, "message"))
                    || !a.get(l, "status").equals(b.get(r, "status"))) {
                differences.add(row(Change.CHANGED, a, l, b, r));
            }
        }
        for (String[] r : unmatched) {
            differences.add(row(Change.ADDED, b, r, null, null));
        }
        if (differences.isEmpty()) {
            return;
        }
        BigDecimal charge = charges.at(any.get(sample, "input_file"), Long.parseLong(any.get(sample, "input_line")));
        chargesKnown &= charge != null;
        String claimId = any.get(sample, "claim_id");
        if (claim == null || !claim.claimId.equals(claimId)) {
            flushClaim();
            claim = new ClaimTally(claimId);
        }
        for (String[] d : differences) {
            Change change = Change.valueOf(d[0].toUpperCase(Locale.ROOT));
            d[13] = charge == null ? "" : charge.toPlainString();
            detail.writeNext(neutralised(d), false);
            EditTally edit = byEdit.computeIfAbsent(d[5], id -> new EditTally(d[6], d[8].isEmpty() ? d[7] : d[8]));
            switch (change) {
                case ADDED -> { added++; edit.added++; claim.added++; }
                case REMOVED -> { removed++; edit.removed++; claim.removed++; }
                case CHANGED -> { changed++; edit.changed++; claim.changed++; }
            }
            if (charge != null) {
                edit.charges = edit.charges.add(charge);
            }
            lineAffected = true;
        }
        if (lineAffected) {
            linesAffected++;
            claim.lines++;
            if (charge != null) {
                chargesAffected = chargesAffected.add(charge);
                claim.charges = claim.charges.add(charge);
            }
        }
    }

    /** A detail row; for CHANGED, {@code side}/{@code finding} are before and {@code after}/{@code other} after. */
    private static String[] row(Change change, Side side, String[] finding, Side afterSide, String[] other) {
        boolean added = change == Change.ADDED;
        String severity = side.get(finding, "severity");
        String status = side.get(finding, "status");
        String message = side.get(finding, "message");
        return new String[] {change.name().toLowerCase(Locale.ROOT), side.get(finding, "claim_id"),
            side.get(finding, "line_number"), side.get(finding, "procedure_code"), side.get(finding, "date_of_service"),
            side.get(finding, "edit_id"), side.get(finding, "category"),
            added ? "" : severity, added ? severity : other != null ? afterSide.get(other, "severity") : "",
            added ? "" : status, added ? status : other != null ? afterSide.get(other, "status") : "",
            added ? "" : message, added ? message : other != null ? afterSide.get(other, "message") : "",
            "", side.get(finding, "input_file"), side.get(finding, "input_line")};
    }

    private static String[] neutralised(String[] row) {
        String[] out = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = CsvCells.neutralise(row[i]);
        }
        return out;
    }

    private void flushClaim() {
        if (claim == null) {
            return;
        }
        claimsAffected++;
        claims.writeNext(neutralised(new String[] {claim.claimId, Long.toString(claim.added),
            Long.toString(claim.removed), Long.toString(claim.changed), Long.toString(claim.lines),
            claim.charges.toPlainString()}), false);
        if (firstClaims.size() < claimsListed) {
            firstClaims.add(claim.claimId + " (" + describe(claim.added, claim.removed, claim.changed) + ")");
        }
        claim = null;
    }

    static String describe(long added, long removed, long changed) {
        List<String> parts = new ArrayList<>();
        if (added > 0) {
            parts.add("+" + added);
        }
        if (removed > 0) {
            parts.add("-" + removed);
        }
        if (changed > 0) {
            parts.add("~" + changed);
        }
        return String.join(" ", parts);
    }

    @Override
    public void close() throws IOException {
        charges.close();
    }

    /** One findings.csv, read in order, a line's findings at a time. */
    private final class Side implements Closeable {
        private final Path file;
        private final CSVReader reader;
        private final Map<String, Integer> columns = new TreeMap<>();
        private String[] next;

        Side(Path file) throws IOException {
            this.file = file;
            this.reader = new CSVReaderBuilder(Files.newBufferedReader(file, StandardCharsets.UTF_8))
                    .withCSVParser(new RFC4180ParserBuilder().build()).build();
            String[] header = read();
            if (header == null) {
                throw new IOException(file + ": empty findings file");
            }
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            next = read();
        }

        private String[] read() throws IOException {
            try {
                return reader.readNext();
            } catch (CsvValidationException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }

        String get(String[] row, String column) {
            Integer i = columns.get(column);
            return i == null || i >= row.length ? "" : row[i];
        }

        boolean hasNext() {
            return next != null;
        }

        /** The next finding's input file (by its order among the inputs) and line, or null at the end. */
        long[] position() {
            if (next == null) {
                return null;
            }
            return new long[] {inputs.indexOf(get(next, "input_file")), Long.parseLong(get(next, "input_line"))};
        }

        List<String[]> takeAt(long[] at) throws IOException {
            List<String[]> rows = new ArrayList<>();
            while (next != null && Arrays.equals(position(), at)) {
                rows.add(next);
                next = read();
            }
            return rows;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /**
     * The charge of an input line, read forward through the inputs as the findings ask in input order: no line
     * is held but the current one. Null when the input has no charge column or the cell is not a number.
     */
    private static final class InputCharges implements Closeable {
        private final List<String> inputs;
        private int file = -1;
        private CSVReader reader;
        private int chargeColumn;
        private long recordLine;
        private String[] record;

        InputCharges(List<String> inputs) {
            this.inputs = inputs;
        }

        BigDecimal at(String inputFile, long line) throws IOException {
            int wanted = inputs.indexOf(inputFile);
            if (wanted < 0) {
                return null;
            }
            if (wanted != file) {
                open(wanted);
            }
            try {
                while (record != null && recordLine < line) {
                    recordLine = reader.getLinesRead() + 1;
                    record = reader.readNext();
                }
            } catch (CsvValidationException e) {
                return null;
            }
            if (record == null || recordLine != line || chargeColumn < 0 || chargeColumn >= record.length) {
                return null;
            }
            try {
                return new BigDecimal(record[chargeColumn].strip().replace("$", "").replace(",", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private void open(int index) throws IOException {
            close();
            file = index;
            reader = new CSVReaderBuilder(Files.newBufferedReader(Path.of(inputs.get(index)), StandardCharsets.UTF_8))
                    .withCSVParser(new RFC4180ParserBuilder().build()).build();
            try {
                String[] header = reader.readNext();
                chargeColumn = -1;
                for (int i = 0; header != null && i < header.length; i++) {
                    if (header[i].strip().replace("\uFEFF", "").equalsIgnoreCase("charge")) {
                        chargeColumn = i;
                    }
                }
                recordLine = 1;
                record = header;
            } catch (CsvValidationException e) {
                record = null;
            }
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }
}
