package org.claimscrub.cli;

import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputFormat;
import picocli.CommandLine.Option;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

/** How the claim files are read, the same for every command that reads them (scrub, explain). */
final class ClaimInputOptions {
    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "AUTO",
            description = "Read every input as ${COMPLETION-CANDIDATES} (default: auto, from each file's content).")
    InputFormat format;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8",
            description = "Encoding of the input CSV files (default: UTF-8, byte order mark accepted; e.g."
                    + " windows-1252, ISO-8859-1). A byte that is not valid in it stops the run, naming the line.")
    String encoding;

    @Option(names = "--column", paramLabel = "FIELD=HEADER",
            description = "Read FIELD from the column named HEADER, for names the usual aliases do not cover;"
                    + " repeatable (e.g. --column procedure_code=\"Proc Cd\" --column modifier_1=M1)."
                    + " See docs/input-csv.md.")
    List<String> columnMappings;

    /**
     * The CSV options these give, or null once a bad --encoding or --column has been named on stderr (the caller
     * then exits with a usage error).
     */
    CsvReadOptions csvOptions() {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return usageError("--encoding " + encoding
                    + ": not an encoding this Java knows (e.g. UTF-8, windows-1252, ISO-8859-1)");
        }
        try {
            return new CsvReadOptions(charset,
                    CsvReadOptions.parseColumns(columnMappings == null ? List.of() : columnMappings));
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
    }

    private static CsvReadOptions usageError(String message) {
        System.err.println("claimscrub: " + message);
        return null;
    }
}
