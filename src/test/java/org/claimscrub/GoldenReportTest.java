package org.claimscrub;

import com.opencsv.CSVReader;
import org.claimscrub.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sample batch in, exact report out: the reports under src/test/resources/golden/ were checked line by line
 * against claims-samples/README.md. When a message or rule changes on purpose, regenerate them with
 * {@code ./claimscrub scrub --out /tmp/NAME claims-samples/NAME.csv}, copy the files it names into
 * src/test/resources/golden/NAME ({@code cp -L}: the names in a report folder are links) and review the diff.
 */
class GoldenReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lab-week,1", "bad-lines,1", "clean-batch,0"})
    void reportMatchesTheGoldenCopy(String sample, int exitCode) throws Exception {
        int exit = Main.run("scrub", "--out", out.toString(), "claims-samples/" + sample + ".csv");
        assertEquals(exitCode, exit);
        for (String file : List.of("findings.csv", "notices.csv", "claims.csv", "rejects.csv", "summary.txt")) {
            assertEquals(Files.readString(GOLDEN.resolve(sample).resolve(file), StandardCharsets.UTF_8),
                    Files.readString(out.resolve(file), StandardCharsets.UTF_8), sample + "/" + file);
        }
    }

    /** The samples' independent oracle: every (claim, line, category) it lists, and nothing else. */
    @Test
    void labWeekFindingsMatchTheIndependentOracle() throws Exception {
        Main.run("scrub", "--out", out.toString(), "claims-samples/lab-week.csv");
        List<String> expected = columns(Path.of("claims-samples/lab-week.expected-edits.csv"), 0, 1, 2);
        List<String> actual = columns(out.resolve("findings.csv"), 0, 1, 6);
        actual.addAll(columns(out.resolve("notices.csv"), 0, 1, 6));
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual);
    }

    private static List<String> columns(Path csv, int... columns) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv); CSVReader reader = new CSVReader(in)) {
            reader.skip(1);
            for (String[] row : reader) {
                // a notices row covers one or more lines of its claim: 4|5|6
                for (String line : row[columns[1]].split("\\|")) {
                    rows.add(row[columns[0]] + '|' + line + '|' + row[columns[2]] + '|');
                }
            }
        }
        return rows;
    }
}
