package org.claimscrub.authoring;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reader.InputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One rule test case: a claim CSV (the columns of a claims input file) with an {@code expect} column saying,
 * on every row, which findings that line must get: edit ids or category names separated by spaces, or
 * {@code none}. A case is about the edits it names: findings of other edits on its lines are not checked,
 * unless the optional {@code match} column says {@code exact} on the line (then the line gets exactly what it
 * lists). An optional {@code scenario} column is free text for the reader. See rules/README.md.
 *
 * @param name     the case's path under the tests folder, e.g. {@code families/surgical-pathology/0753T.csv}
 * @param lines    the claim lines read
 * @param expected what each line must get, by claim line
 * @param exact    the lines whose {@code match} cell says {@code exact}
 * @param problems what is wrong with the case file itself (a case with problems fails)
 */
public record RuleTestCase(String name, List<ClaimLine> lines, Map<LineKey, List<String>> expected,
                           Set<LineKey> exact, List<String> problems) {
    public static final String EXPECT = "expect";
    public static final String MATCH = "match";
    public static final String EXACT = "exact";
    public static final String NONE = "none";

    /** A claim line by claim id and line number, as the case file and findings.csv name it. */
    public record LineKey(String claimId, int lineNumber) {
        @Override
        public String toString() {
            return "claim " + claimId + " line " + lineNumber;
        }
    }

    public static RuleTestCase read(Path file, String name) throws IOException {
        List<ClaimLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            new CsvClaimReader().read(file, 0,
                    ClaimSink.of(lines::add, reject -> problems.add(reject.describe())));
        } catch (InputException e) {
            return new RuleTestCase(name, List.of(), Map.of(), Set.of(), List.of(e.getMessage()));
        }
        Map<LineKey, List<String>> expected = new LinkedHashMap<>();
        Set<LineKey> exact = new LinkedHashSet<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> rows = csv.readAll();
            List<String> header = Arrays.stream(rows.get(0))
                    .map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
            int expect = header.indexOf(EXPECT);
            int claim = header.indexOf("claim_id");
            int line = header.indexOf("line_number");
            int match = header.indexOf(MATCH);
            if (expect < 0) {
                problems.add(file + " line 1: no '" + EXPECT + "' column; add one saying, on every row, the edit"
                        + " ids or categories expected on that line, or " + NONE);
                return new RuleTestCase(name, lines, expected, exact, problems);
            }
            for (int i = 1; i < rows.size(); i++) {
                String[] row = rows.get(i);
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                String cell = expect < row.length ? row[expect].strip() : "";
                if (cell.isEmpty()) {
                    problems.add(file + " line " + (i + 1) + ", field " + EXPECT + ": empty; write the edit ids or"
                            + " categories expected on this line, or " + NONE);
                    continue;
                }
                try {
                    LineKey key = new LineKey(row[claim].strip(), Integer.parseInt(row[line].strip()));
                    List<String> tokens = cell.equalsIgnoreCase(NONE) ? List.of()
                            : List.of(cell.toUpperCase(Locale.ROOT).split("[\\s,;|]+"));
                    expected.put(key, tokens);
                    String matchCell = match >= 0 && match < row.length ? row[match].strip() : "";
                    if (matchCell.equalsIgnoreCase(EXACT)) {
                        exact.add(key);
                    } else if (!matchCell.isEmpty()) {
                        problems.add(file + " line " + (i + 1) + ", field " + MATCH + ": '" + matchCell + "'; write "
                                + EXACT + " (the line gets exactly what it lists) or leave it empty");
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // The claim reader has already rejected this row and said why.
                }
            }
        } catch (CsvException e) {
            problems.add(file + ": cannot be read as CSV: " + e.getMessage());
        }
        return new RuleTestCase(name, lines, expected, exact, problems);
    }
}
