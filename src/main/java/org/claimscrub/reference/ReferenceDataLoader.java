package org.claimscrub.reference;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import org.claimscrub.model.CodeForm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the shipped reference tables from a folder (by default {@code rules/reference/}):
 * <ul>
 *   <li>{@code codes.csv}: code, label, effective_date, sunset_date</li>
 *   <li>{@code fee-schedule.csv}: code and the PFS indicators (status_code, pctc_indicator, global_days,
 *       mult_proc, bilat_surg, asst_surg, co_surg, team_surg)</li>
 *   <li>{@code opps-status.csv}: code, status_indicator</li>
 * </ul>
 * Columns are found by header name; other columns (basis, notes) are for people and ignored here.
 * A blank cell means "unknown", which keeps the matching edit quiet.
 */
public final class ReferenceDataLoader {
    public static final String CODES = "codes.csv";
    public static final String FEE_SCHEDULE = "fee-schedule.csv";
    public static final String OPPS_STATUS = "opps-status.csv";

    public ReferenceData load(Path folder) throws ReferenceDataException {
        Map<String, Builder> rows = new TreeMap<>();
        for (Row row : read(folder.resolve(CODES), List.of("code", "label", "effective_date", "sunset_date"))) {
            Builder b = new Builder(row.code());
            b.label = row.get("label");
            b.effective = row.date("effective_date");
            b.sunset = row.date("sunset_date");
            if (b.effective != null && b.sunset != null && !b.sunset.isAfter(b.effective)) {
                throw row.error("sunset_date", "sunset date must come after the effective date");
            }
            if (rows.put(b.code, b) != null) {
                throw row.error("code", "code " + b.code + " is listed twice");
            }
        }
        for (Row row : read(folder.resolve(FEE_SCHEDULE), List.of("code", "status_code", "pctc_indicator",
                "global_days", "mult_proc", "bilat_surg", "asst_surg", "co_surg", "team_surg"))) {
            Builder b = known(rows, row);
            b.status = row.indicator("status_code", StatusCode::of);
            b.pcTc = row.indicator("pctc_indicator", PcTcIndicator::of);
            b.globalDays = row.indicator("global_days", GlobalDays::of);
            b.multipleProcedure = row.indicator("mult_proc", MultipleProcedureIndicator::of);
            b.bilateral = row.indicator("bilat_surg", BilateralIndicator::of);
            b.assistant = row.indicator("asst_surg", AssistantIndicator::of);
            b.coSurgeon = row.indicator("co_surg", CoSurgeonIndicator::of);
            b.team = row.indicator("team_surg", TeamIndicator::of);
        }
        for (Row row : read(folder.resolve(OPPS_STATUS), List.of("code", "status_indicator"))) {
            known(rows, row).oppsStatus = row.indicator("status_indicator", OppsStatusIndicator::of);
        }
        Map<String, CodeReference> byCode = new HashMap<>();
        rows.values().forEach(b -> byCode.put(b.code, b.build()));
        return new ReferenceData(byCode);
    }

    private static Builder known(Map<String, Builder> rows, Row row) throws ReferenceDataException {
        Builder b = rows.get(row.code());
        if (b == null) {
            throw row.error("code", "code " + row.code() + " is not listed in " + CODES);
        }
        return b;
    }

    private static List<Row> read(Path file, List<String> required) throws ReferenceDataException {
        if (!Files.isRegularFile(file)) {
            throw new ReferenceDataException(file + ": reference table not found");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(in)
                     .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> records = csv.readAll();
            if (records.isEmpty()) {
                throw new ReferenceDataException(file + ": the file is empty; a header row is required");
            }
            Map<String, Integer> columns = new HashMap<>();
            String[] header = records.get(0);
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i].strip().toLowerCase(Locale.ROOT), i);
            }
            for (String name : required) {
                if (!columns.containsKey(name)) {
                    throw new ReferenceDataException(file + " line 1: missing column '" + name + "'");
                }
            }
            List<Row> rows = new ArrayList<>(records.size());
            for (int i = 1; i < records.size(); i++) {
                String[] cells = records.get(i);
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                rows.add(new Row(file, i + 1, columns, cells));
            }
            return rows;
        } catch (IOException | CsvException e) {
            throw new ReferenceDataException(file + ": cannot read: " + e.getMessage());
        }
    }

    private record Row(Path file, int line, Map<String, Integer> columns, String[] cells) {

        String get(String column) {
            int i = columns.get(column);
            return i < cells.length ? cells[i].strip() : "";
        }

        String code() throws ReferenceDataException {
            String code = get("code").toUpperCase(Locale.ROOT);
            if (!CodeForm.isCode(code)) {
                throw error("code", "'" + code + "' is not a CPT or HCPCS code: expected "
                        + CodeForm.expectedForms());
            }
            return code;
        }

        LocalDate date(String column) throws ReferenceDataException {
            String text = get(column);
            try {
                return text.isEmpty() ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw error(column, "'" + text + "' is not a date in yyyy-MM-dd form");
            }
        }

        <E> E indicator(String column, Function<String, E> parse) throws ReferenceDataException {
            String text = get(column);
            try {
                return text.isEmpty() ? null : parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw error(column, e.getMessage());
            }
        }

        ReferenceDataException error(String column, String message) {
            return new ReferenceDataException(file + " line " + line + ", field " + column + ": " + message);
        }
    }

    private static final class Builder {
        final String code;
        String label = "";
        LocalDate effective;
        LocalDate sunset;
        StatusCode status;
        PcTcIndicator pcTc;
        GlobalDays globalDays;
        MultipleProcedureIndicator multipleProcedure;
        BilateralIndicator bilateral;
        AssistantIndicator assistant;
        CoSurgeonIndicator coSurgeon;
        TeamIndicator team;
        OppsStatusIndicator oppsStatus;

        Builder(String code) {
            this.code = code;
        }

        CodeReference build() {
            return new CodeReference(code, label, effective, sunset, status, pcTc, globalDays, multipleProcedure,
                    bilateral, assistant, coSurgeon, team, oppsStatus);
        }
    }
}
