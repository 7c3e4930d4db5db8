package org.claimscrub.report;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * findings.csv rows: one per finding, made in three parts (head, shared, tail; see FindingRuns) on any thread.
 * New columns go at the end, so positions hold.
 */
public final class FindingsCsvWriter {
    public static final String[] HEADER = {"claim_id", "line_number", "procedure_code", "modifiers",
        "date_of_service", "edit_id", "category", "severity", "message", "rule", "rule_file", "source",
        "input_file", "input_line", "status", "override_reason"};

    /** One row buffer per thread, reused: rows are made by the hundred thousand on the worker threads. */
    private static final ThreadLocal<StringBuilder> ROW = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    private final UnaryOperator<String> cell;
    /** By edit id (unique in a rule base): a String key hashes once, an EditDefinition record on every row. */
    private final Map<String, String> editCells = new ConcurrentHashMap<>();

    /** @param neutraliseFormulas guard cells against spreadsheet formula injection (off for machine readers) */
    public FindingsCsvWriter(boolean neutraliseFormulas) {
        this.cell = neutraliseFormulas ? CsvCells::neutralise : UnaryOperator.identity();
    }

    /** The rule, rule file and source cells, the same on every finding of an edit, so made once per edit. */
    private String editCells(EditDefinition edit) {
        StringBuilder cells = new StringBuilder(256).append(',');
        CsvCells.append(cells, cell.apply(edit.ruleName()));
        cells.append(',');
        CsvCells.append(cells, cell.apply(edit.ruleFile()));
        cells.append(',');
        CsvCells.append(cells, cell.apply(edit.source()));
        return cells.append(',').toString();
    }

    public String header() {
        return String.join(",", HEADER) + "\n";
    }

    /** A row's cells up to the message: what is particular to the finding. */
    public String head(Finding f) {
        ClaimLine line = f.line();
        StringBuilder row = ROW.get();
        row.setLength(0);
        CsvCells.append(row, cell.apply(line.claimId()));
        row.append(',').append(line.lineNumber()).append(',');
        CsvCells.append(row, line.code());
        row.append(',');
        CsvCells.append(row, line.modifiers().toString());
        row.append(',').append(line.dateOfService()).append(',');
        CsvCells.append(row, cell.apply(f.edit().editId()));
        row.append(',').append(f.category().name()).append(',').append(f.severity().name()).append(',');
        CsvCells.append(row, cell.apply(f.message()));
        return row.toString();
    }

    /** The rule, rule file, source and input file cells: the same on every finding of an edit in one file. */
    public String shared(Finding f) {
        String cells = editCells.get(f.edit().editId());
        if (cells == null) {
            cells = editCells(f.edit());
            editCells.put(f.edit().editId(), cells);
        }
        StringBuilder row = new StringBuilder(cells);
        CsvCells.append(row, cell.apply(f.line().source().file()));
        return row.append(',').toString();
    }

    /** The input line, status and override reason cells, and the line end. */
    public String tail(Finding f) {
        StringBuilder row = ROW.get();
        row.setLength(0);
        CsvCells.append(row, cell.apply(f.line().source().lineLabel()));
        row.append(',').append(f.status().name().toLowerCase(Locale.ROOT)).append(',');
        CsvCells.append(row, cell.apply(f.overrideReason()));
        return row.append('\n').toString();
    }
}
