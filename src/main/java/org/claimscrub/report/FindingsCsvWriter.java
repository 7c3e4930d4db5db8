package org.claimscrub.report;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * findings.csv rows: one per finding, made in three parts (head, shared, tail; see FindingRuns) on any thread;
 * and notices.csv rows, with the same columns, one per claim and edit. New columns go at the end, so
 * positions hold. Every text cell goes through one {@link CsvText}.
 */
public final class FindingsCsvWriter {
    public static final String[] HEADER = {"claim_id", "line_number", "procedure_code", "modifiers",
        "date_of_service", "edit_id", "category", "severity", "message", "rule", "rule_file", "source",
        "input_file", "input_line", "status", "override_reason", "billing_npi", "payer_id", "charge"};
    /** Separates the values of the lines a notice row covers, in line order. */
    public static final String LINES_SEPARATOR = "|";

    /** One row buffer per thread, reused: rows are made by the hundred thousand on the worker threads. */
    private static final ThreadLocal<StringBuilder> ROW = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    private final CsvText text;
    /** By edit id (unique in a rule base): a String key hashes once, an EditDefinition record on every row. */
    private final Map<String, String> editCells = new ConcurrentHashMap<>();

    /** @param neutraliseFormulas guard cells against spreadsheet formula injection (off for machine readers) */
    public FindingsCsvWriter(boolean neutraliseFormulas) {
        this.text = new CsvText(neutraliseFormulas);
    }

    /** The rule, rule file and source cells, the same on every finding of an edit, so made once per edit. */
    private String editCells(String ruleName, String ruleFile, String source) {
        StringBuilder cells = new StringBuilder(256).append(',');
        text.cell(cells, ruleName).append(',');
        text.cell(cells, ruleFile).append(',');
        text.cell(cells, source);
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
        text.cell(row, line.claimId()).append(',').append(line.lineNumber()).append(',');
        text.cell(row, line.code()).append(',');
        text.cell(row, line.modifiers().toString()).append(',');
        text.cell(row, line.dateOfService()).append(',');
        text.cell(row, f.edit().editId()).append(',');
        text.cell(row, f.category().name()).append(',');
        text.cell(row, f.severity().name()).append(',');
        text.cell(row, f.message());
        return row.toString();
    }

    /** The rule, rule file, source and input file cells: the same on every finding of an edit in one file. */
    public String shared(Finding f) {
        EditDefinition edit = f.edit();
        String cells = editCells.computeIfAbsent(edit.editId(),
                id -> editCells(edit.ruleName(), edit.ruleFile(), edit.source()));
        StringBuilder row = new StringBuilder(cells);
        text.cell(row, f.line().source().file());
        return row.append(',').toString();
    }

    /** The input line, status, override reason, billing NPI, payer and charge cells, and the line end. */
    public String tail(Finding f) {
        ClaimLine line = f.line();
        StringBuilder row = ROW.get();
        row.setLength(0);
        text.cell(row, line.source().lineLabel()).append(',');
        text.cell(row, f.status().label()).append(',');
        text.cell(row, f.overrideReason()).append(',');
        text.cell(row, line.billingNpi()).append(',');
        text.cell(row, line.payerId()).append(',');
        money(text, row, line.charge());
        return row.append('\n').toString();
    }

    /**
     * A notices.csv row, made in three parts (head, shared, tail; see ClaimRuns): the line cells (line number,
     * code, modifiers, date, input line) list the lines it covers, in input order, separated by
     * {@link #LINES_SEPARATOR}; the input file cell lists their files (one, unless the claim spans files); the
     * charge is their sum.
     */
    public ClaimRuns.NoticeRow noticeRow() {
        return new ClaimRuns.NoticeRow(this::noticeHead, this::noticeShared, this::noticeTail);
    }

    /** Appends a notice row's cells up to the message: what is particular to the claim's lines. */
    private void noticeHead(StringBuilder row, String claimId, ClaimPart.NoticeGroup g) {
        text.cell(row, claimId).append(',');
        text.cell(row, joined(g, l -> Integer.toString(l.lineNumber()))).append(',');
        text.cell(row, joined(g, ClaimPart.NoticeLine::code)).append(',');
        text.cell(row, joined(g, ClaimPart.NoticeLine::modifiers)).append(',');
        text.cell(row, joined(g, l -> l.dateOfService().toString())).append(',');
        text.cell(row, g.editId()).append(',');
        text.cell(row, g.category().name()).append(',');
        text.cell(row, g.severity().name()).append(',');
    }

    /** The message and edit cells, the same on every notice of an edit with that message. */
    private String noticeShared(ClaimPart.NoticeGroup g) {
        StringBuilder cells = new StringBuilder(512);
        text.cell(cells, g.message());
        return cells.append(editCells.computeIfAbsent(g.editId(), id -> editCells(g.rule(), g.ruleFile(),
                g.source()))).toString();
    }

    /** Appends the cells after the edit's: input files and lines, status, override, NPI, payer, charge. */
    private void noticeTail(StringBuilder row, ClaimPart.NoticeGroup g) {
        text.cell(row, String.join(LINES_SEPARATOR, g.inputFiles())).append(',');
        text.cell(row, joined(g, l -> Long.toString(l.inputLine()))).append(',');
        text.cell(row, g.status().label()).append(',');
        text.cell(row, g.overrideReason()).append(',');
        text.cell(row, g.billingNpi()).append(',');
        text.cell(row, g.payerId()).append(',');
        money(text, row, g.charge());
        row.append('\n');
    }

    static String joined(ClaimPart.NoticeGroup g, Function<ClaimPart.NoticeLine, String> cell) {
        if (g.lines().size() == 1) {
            return cell.apply(g.lines().get(0));
        }
        StringBuilder out = new StringBuilder();
        for (ClaimPart.NoticeLine l : g.lines()) {
            if (!out.isEmpty()) {
                out.append(LINES_SEPARATOR);
            }
            out.append(cell.apply(l));
        }
        return out.toString();
    }

    /** At least two decimals, so every amount reads alike ("0.00", not "0"); more are kept as given. */
    static BigDecimal cents(BigDecimal amount) {
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    /** An amount as written in the reports: plain digits, empty when the input gave none. */
    static String money(BigDecimal amount) {
        return amount == null ? "" : cents(amount).toPlainString();
    }

    /**
     * Appends an amount cell, {@code text.cell(row, money(amount))}: an amount of up to two decimals that is not
     * negative (nearly every one) is written digit by digit, as toPlainString and its guard would, for the
     * strings that would cost: a claims row has two amounts, a findings row one.
     */
    static void money(CsvText text, StringBuilder row, BigDecimal amount) {
        if (amount == null || amount.signum() < 0 || amount.scale() < 0 || amount.scale() > 2
                || amount.precision() > 16) {
            text.cell(row, money(amount));
            return;
        }
        // at scale 0 (as cents) longValue reads the compact value; unscaledValue would make a BigInteger
        long cents = amount.scaleByPowerOfTen(2).setScale(0).longValue();
        long fraction = cents % 100;
        row.append(cents / 100).append('.').append((char) ('0' + fraction / 10)).append((char) ('0' + fraction % 10));
    }
}
