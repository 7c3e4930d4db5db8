package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The batch pipeline's bounded duplicate check agrees with the reader's whole-batch check. */
class DuplicateLineNumbersTest {
    private static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,units,patient_id";

    @TempDir
    Path tmp;

    /** The check a batch makes (in memory, then deferred to files) rejects what the reader's own check does. */
    @Test
    void theBatchCheckRejectsTheLaterLineAsTheReaderDoesSpilledOrNot() throws Exception {
        Path file = tmp.resolve("duplicate-line-number.csv");
        Files.write(file, List.of(HEADER, "D-1,1,2025-03-11,88305,1,PT1", "D-1,2,2025-03-11,0753T,1,PT1",
                "D-2,1,2025-03-11,88305,1,PT2", "D-1,1,2025-03-11,88342,1,PT9", "D-2,1,2025-03-11,88342,1,PT2",
                "D-1,2,2025-03-11,88342,1,PT1"));
        List<Reject> readerRejects = new ArrayList<>();
        new CsvClaimReader().read(file, 0, sink(new ArrayList<>(), readerRejects));
        assertEquals(3, readerRejects.size());

        for (int deferAfter = 0; deferAfter <= 6; deferAfter++) {
            List<Reject> found = new ArrayList<>();
            List<ClaimLine> kept = new ArrayList<>();
            try (SpillFolder work = SpillFolder.create(tmp, "work-");
                 DuplicateLineNumbers check = new DuplicateLineNumbers()) {
                int[] seen = {0};
                int defer = deferAfter;
                CsvClaimReader.withoutDuplicateCheck().read(file, 0, new ClaimSink() {
                    @Override
                    public void accept(ClaimLine line) {
                        throw new AssertionError("the reader hands the raw text with each line");
                    }

                    @Override
                    public void accept(ClaimLine line, java.util.function.Supplier<String> raw) {
                        try {
                            if (seen[0]++ == defer) {
                                check.defer(work, 3, 10);
                            }
                            Reject r = check.check(line, raw);
                            if (r == null) {
                                kept.add(line);
                            } else {
                                found.add(r);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void reject(Reject reject) {
                        found.add(reject);
                    }
                });
                DuplicateLineNumbers.Deferred late = check.finish(2);
                found.addAll(late.rejects());
                kept.removeIf(l -> late.setAside().contains(l.source()));
                try (var left = Files.list(work.path())) {
                    assertEquals(0, left.count(), "bucket files are deleted once checked");
                }
            }
            found.sort(java.util.Comparator.comparing(Reject::source));
            assertEquals(readerRejects, found, "deferred after " + deferAfter + " lines");
            assertEquals(3, kept.size());
            assertTrue(found.get(0).raw().startsWith("D-1,1,2025-03-11,88342,1,"), "the raw text is the reader's");
        }
    }

    @Test
    void aBadCellIsRejectedEveryTimeEvenAfterGoodValuesWereMemoised() throws IOException, InputException {
        Path file = tmp.resolve("bad-code-repeated.csv");
        Files.write(file, List.of(HEADER, "B-1,1,2025-03-11,88305,1,PT1", "B-2,1,2025-03-11,8830,1,PT1",
                "B-3,1,2025-03-11,8830,1,PT1", "B-4,1,2025-03-11,88305,1,PT1"));
        List<ClaimLine> lines = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        new CsvClaimReader().read(file, 0, sink(lines, rejects));
        assertEquals(2, lines.size());
        assertEquals(2, rejects.size());
        assertTrue(lines.get(0).code() == lines.get(1).code(), "a repeated value is parsed once and shared");
    }

    private static ClaimSink sink(List<ClaimLine> lines, List<Reject> rejects) {
        return ClaimSink.of(lines::add, rejects::add);
    }
}
