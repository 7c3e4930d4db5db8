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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One rule test case: a claim CSV (the columns of a claims input file) with an {@code expect} column saying,
 * on every row, which findings that line must get: edit ids or category names separated by spaces, or
 * {@code none}. An optional {@code scenario} column is free text for the reader. See rules/README.md.
 *
 * @param name     the case's path under the tests folder, e.g. {@code families/surgical-pathology/0753T.csv}
 * @param lines    the claim lines read
 * @param expected what each line must get, by claim line
 * @param problems what is wrong with the case file itself (a case with problems fails)
 */
public record RuleTestCase(String name, List<ClaimLine> lines, Map<LineKey, List<String>> expected,
                           List<String> problems) {
    public static final String EXPECT = "expect";
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
            return new RuleTestCase(name, List.of(), Map.of(), List.of(e.getMessage()));
        }
        Map<LineKey, List<String>> expected = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> rows = csv.readAll();
            List<String> header = Arrays.stream(rows.get(0))
                    .map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
            int expect = header.indexOf(EXPECT);
            int claim = header.indexOf("claim_id");
            int line = header.indexOf("line_number");
            if (expect < 0) {
                problems.add(file + " line 1: no '" + EXPECT + "' column; add one saying, on every row, the edit"
                        + " ids or categories expected on that line, or " + NONE);
                return new RuleTestCase(name, lines, expected, problems);
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
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // The claim reader has already rejected this row and said why.
                }
            }
        } catch (CsvException e) {
            problems.add(file + ": cannot be read as CSV: " + e.getMessage());
        }
        return new RuleTestCase(name, lines, expected, problems);
    }
}
