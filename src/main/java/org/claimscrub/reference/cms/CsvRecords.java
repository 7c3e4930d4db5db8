package org.claimscrub.reference.cms;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The records of a CMS CSV file (Latin-1, RFC 4180 quoting, cells may span lines), with the line each ends on and
 * the file's SHA-256. A record that is not well-formed CSV is reported with the line it starts on.
 */
final class CsvRecords implements AutoCloseable {
    private final Path file;
    private final HashedLines lines;
    private final CSVReader csv;

    CsvRecords(Path file) throws CmsFileException {
        this.file = file;
        try {
            this.lines = new HashedLines(file);
        } catch (IOException e) {
            throw CmsFileException.of(file, "cannot read: " + e.getMessage());
        }
        this.csv = new CSVReaderBuilder(lines.reader()).withCSVParser(new RFC4180ParserBuilder().build()).build();
    }

    /** The next record, or null at the end of the file. */
    String[] next() throws CmsFileException {
        long start = csv.getLinesRead() + 1;
        try {
            return csv.readNext();
        } catch (IOException | CsvException e) {
            throw CmsFileException.at(file, start, "", "expected a well-formed CSV record (is a quote left open?): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The physical line the last record read ends on. */
    long line() {
        return csv.getLinesRead();
    }

    String sha256() throws CmsFileException {
        try {
            return lines.sha256();
        } catch (IOException e) {
            throw CmsFileException.of(file, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public void close() throws CmsFileException {
        try {
            csv.close();
        } catch (IOException e) {
            throw CmsFileException.of(file, "cannot read: " + e.getMessage());
        }
    }
}
