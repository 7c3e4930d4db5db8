package org.claimscrub.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;

import java.io.Writer;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** findings.csv: one row per finding, in the order given. New columns go at the end, so positions hold. */
public final class FindingsCsvWriter {
    public static final String[] HEADER = {"claim_id", "line_number", "procedure_code", "modifiers",
        "date_of_service", "edit_id", "category", "severity", "message", "rule", "rule_file", "source",
        "input_file", "input_line", "status", "override_reason"};

    private final UnaryOperator<String> cell;

    /** @param neutraliseFormulas guard cells against spreadsheet formula injection (off for machine readers) */
    public FindingsCsvWriter(boolean neutraliseFormulas) {
        this.cell = neutraliseFormulas ? CsvCells::neutralise : UnaryOperator.identity();
    }

    public void write(Iterable<Finding> findings, Writer out) {
        ICSVWriter csv = new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_ESCAPE_CHARACTER, "\n");
        csv.writeNext(HEADER, false);
        for (Finding f : findings) {
            ClaimLine line = f.line();
            csv.writeNext(new String[] {
                cell.apply(line.claimId()),
                Integer.toString(line.lineNumber()),
                line.code(),
                line.modifiers().toString(),
                line.dateOfService().toString(),
                cell.apply(f.edit().editId()),
                f.category().name(),
                f.severity().name(),
                cell.apply(f.message()),
                cell.apply(f.edit().ruleName()),
                cell.apply(f.edit().ruleFile()),
                cell.apply(f.edit().source()),
                cell.apply(line.source().file()),
                Long.toString(line.source().line()),
                f.status().name().toLowerCase(Locale.ROOT),
                cell.apply(f.overrideReason()),
            }, false);
        }
        csv.flushQuietly();
    }
}
