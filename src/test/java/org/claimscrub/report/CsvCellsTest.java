package org.claimscrub.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvCellsTest {

    @Test
    void appendQuotesExactlyAsOpencsvDoes() {
        String[] cells = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "'=x", "tab\there"};
        StringWriter expected = new StringWriter();
        ICSVWriter csv = new CSVWriter(expected, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_ESCAPE_CHARACTER, "\n");
        csv.writeNext(cells, false);
        csv.flushQuietly();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            CsvCells.append(row, cells[i]);
        }
        assertEquals(expected.toString(), row.append('\n').toString());
    }

    @Test
    void neutraliseGuardsFormulaStartsOnly() {
        assertEquals("'=1+1", CsvCells.neutralise("=1+1"));
        assertEquals("'-2", CsvCells.neutralise("-2"));
        assertEquals("'\tx", CsvCells.neutralise("\tx"));
        assertEquals("0753T", CsvCells.neutralise("0753T"));
    }
}
