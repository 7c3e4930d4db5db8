package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The optional payer_id column: read when present, empty when absent. */
class PayerIdColumnTest {
    @TempDir
    Path dir;

    private List<ClaimLine> read(String csv) throws Exception {
        Path file = dir.resolve("claims.csv");
        Files.writeString(file, csv);
        List<ClaimLine> lines = new ArrayList<>();
        new CsvClaimReader().read(file, 0, ClaimSink.of(lines::add, reject -> {
            throw new AssertionError(reject.describe());
        }));
        return lines;
    }

    @Test
    void payerIdIsReadWhenPresent() throws Exception {
        List<ClaimLine> lines = read("claim_id,line_number,date_of_service,procedure_code,units,Payer ID\n"
                + "C-1,1,2025-03-11,88305,1, ACME-HEALTH \nC-1,2,2025-03-11,88305,1,\n");
        assertEquals(List.of("ACME-HEALTH", ""), lines.stream().map(ClaimLine::payerId).toList());
    }

    @Test
    void payerIdIsEmptyWhenTheColumnIsAbsent() throws Exception {
        List<ClaimLine> lines = read("claim_id,line_number,date_of_service,procedure_code,units\n"
                + "C-1,1,2025-03-11,88305,1\n");
        assertEquals("", lines.get(0).payerId());
    }
}
