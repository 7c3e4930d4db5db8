package org.claimscrub.engine;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.FindingStatus;
import org.claimscrub.model.Severity;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Payer and provider overrides (rules/overrides.csv, documented in rules/README.md): the first row that
 * matches a finding decides it. A bypassed finding stays in the report with status bypassed and the row's
 * reason, so the audit trail shows what was turned off and why.
 */
public final class Overrides {
    public static final String DEFAULT_FILE = "overrides.csv";
    public static final Overrides NONE = new Overrides(List.of());
    static final List<String> COLUMNS = List.of("edit", "action", "severity", "payer_id", "billing_npi",
            "from_date", "to_date", "reason");

    private final List<OverrideRule> rows;

    private Overrides(List<OverrideRule> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<OverrideRule> rows() {
        return rows;
    }

    /** The findings with every override applied, in the same order. */
    public List<Finding> apply(List<Finding> findings) {
        if (rows.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            OverrideRule row = rows.stream().filter(o -> o.matches(f)).findFirst().orElse(null);
            if (row == null) {
                out.add(f);
            } else if (row.bypasses()) {
                out.add(new Finding(f.line(), f.edit(), f.message(), FindingStatus.BYPASSED, row.reason()));
            } else {
                EditDefinition e = f.edit();
                EditDefinition adjusted = new EditDefinition(e.editId(), e.category(), row.severity(),
                        e.messageTemplate(), e.source(), e.ruleName(), e.ruleFile());
                out.add(new Finding(f.line(), adjusted, f.message(), FindingStatus.ADJUSTED, row.reason()));
            }
        }
        return out;
    }

    /**
     * Reads an overrides file; every edit it names must be an edit id of these rules or a category.
     *
     * @throws OverridesException naming the file, line and field of the first problem
     */
    public static Overrides load(Path file, Collection<EditDefinition> edits) throws OverridesException {
        Set<String> known = new HashSet<>();
        edits.forEach(e -> known.add(e.editId()));
        Arrays.stream(Category.values()).forEach(c -> known.add(c.name()));
        List<String[]> records;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            records = csv.readAll();
        } catch (NoSuchFileException e) {
            throw new OverridesException(file + ": overrides file not found");
        } catch (IOException | CsvException e) {
            throw new OverridesException(file + ": cannot be read as CSV: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new OverridesException(file + ": the file is empty; a header row is required: "
                    + String.join(",", COLUMNS));
        }
        List<String> header = Arrays.stream(records.get(0))
                .map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
        for (String column : COLUMNS) {
            if (!header.contains(column)) {
                throw new OverridesException(file + " line 1: missing column '" + column + "'; the header is: "
                        + String.join(",", COLUMNS));
            }
        }
        List<OverrideRule> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            String[] cells = records.get(i);
            if (cells.length == 1 && cells[0].isBlank()) {
                continue;
            }
            rows.add(new RowReader(file + " line " + (i + 1), header, cells).read(known));
        }
        return new Overrides(rows);
    }

    private record RowReader(String where, List<String> header, String[] cells) {

        String get(String column) {
            int i = header.indexOf(column);
            return i < cells.length ? cells[i].strip() : "";
        }

        OverridesException error(String column, String message) {
            return new OverridesException(where + ", field " + column + ": " + message);
        }

        OverrideRule read(Set<String> known) throws OverridesException {
            String edit = get("edit").toUpperCase(Locale.ROOT);
            if (edit.isEmpty()) {
                throw error("edit", "empty; name an edit id (e.g. AOP-0753T) or a category (e.g. CARRIER_PRICED)");
            }
            if (!known.contains(edit)) {
                throw error("edit", "'" + edit + "' is neither an edit id of the loaded rules nor a category");
            }
            String action = get("action").toLowerCase(Locale.ROOT);
            String severityText = get("severity");
            Severity severity = null;
            switch (action) {
                case "bypass" -> {
                    if (!severityText.isEmpty()) {
                        throw error("severity", "must be empty for a bypass");
                    }
                }
                case "severity" -> {
                    try {
                        severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw error("severity", "'" + severityText + "' is not one of "
                                + Arrays.toString(Severity.values()));
                    }
                }
                default -> throw error("action", "'" + action + "' is not bypass or severity");
            }
            String npi = get("billing_npi");
            if (!npi.isEmpty() && !npi.matches("[0-9]{10}")) {
                throw error("billing_npi", "'" + npi + "' is not a 10-digit NPI");
            }
            LocalDate from = date("from_date");
            LocalDate to = date("to_date");
            if (from != null && to != null && to.isBefore(from)) {
                throw error("to_date", "ends before from_date");
            }
            String reason = get("reason");
            if (reason.isEmpty()) {
                throw error("reason", "empty; say why (the report shows it to the auditor)");
            }
            return new OverrideRule(edit, severity, get("payer_id"), npi, from, to, reason, where);
        }

        LocalDate date(String column) throws OverridesException {
            String text = get(column);
            try {
                return text.isEmpty() ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw error(column, "'" + text + "' is not a date in yyyy-MM-dd form");
            }
        }
    }
}
