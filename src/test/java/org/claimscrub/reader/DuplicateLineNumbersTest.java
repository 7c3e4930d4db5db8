package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch pipeline's bounded duplicate check agrees with the reader's whole-batch check. */
class DuplicateLineNumbersTest {
    private static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,units,patient_id";

    @TempDir
    Path tmp;

    @Test
    void setAsideRejectsTheLaterLineAsTheReaderDoesAndRawTextIsReadBack() throws Exception {
        Path file = tmp.resolve("duplicate-line-number.csv");
        Files.write(file, List.of(HEADER, "D-1,1,2025-03-11,88305,1,PT1", "D-1,2,2025-03-11,0753T,1,PT1",
                "D-2,1,2025-03-11,88305,1,PT2", "D-1,1,2025-03-11,88342,1,PT1"));
        List<Reject> readerRejects = new ArrayList<>();
        new CsvClaimReader().read(file, 0, sink(new ArrayList<>(), readerRejects));

        List<ClaimLine> lines = new ArrayList<>();
        CsvClaimReader.withoutDuplicateCheck().read(file, 0, sink(lines, new ArrayList<>()));
        List<Reject> late = DuplicateLineNumbers.setAside(lines);
        assertEquals(3, lines.size());
        assertEquals(1, late.size());
        Reject r = late.get(0);
        Map<Long, String> raw = CsvClaimReader.rawLines(file, Set.of(r.source().line()));
        Reject complete = new Reject(r.source(), r.claimId(), r.field(), r.reason(), raw.get(r.source().line()));
        assertEquals(readerRejects, List.of(complete));
        assertTrue(complete.reason().contains("appears twice in claim D-1"));
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
