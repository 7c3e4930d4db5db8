package org.claimscrub.reader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads claim input files of either format, CSV or X12 837, into claim lines: the format is told from each
 * file's first bytes (an X12 interchange starts with "ISA") unless it is forced. One instance is one batch, as
 * for {@link CsvClaimReader}; each format's reader is made once and serves every file of that format.
 */
public final class ClaimFileReader implements ClaimInput {
    private static final int BUFFER = 1 << 16;

    private final InputFormat format;
    private final CsvClaimReader csv;
    private final X12ClaimReader x12;

    /** A reader that rejects a repeated claim line number anywhere in the batch; CSV read as {@code csvOptions} say. */
    public ClaimFileReader(InputFormat format, CsvReadOptions csvOptions) {
        this(format, new CsvClaimReader(csvOptions), new X12ClaimReader());
    }

    private ClaimFileReader(InputFormat format, CsvClaimReader csv, X12ClaimReader x12) {
        this.format = format;
        this.csv = csv;
        this.x12 = x12;
    }

    /** A reader that leaves repeated line numbers to the caller (see {@link DuplicateLineNumbers#setAside}). */
    public static ClaimFileReader withoutDuplicateCheck(InputFormat format, CsvReadOptions csvOptions) {
        return new ClaimFileReader(format, CsvClaimReader.withoutDuplicateCheck(csvOptions),
                X12ClaimReader.withoutDuplicateCheck());
    }

    /** Reads one file's bytes under the given name, in the forced format or the one its first bytes show. */
    @Override
    public long read(InputStream bytes, String name, int fileIndex, ClaimSink sink) throws InputException {
        InputStream in = new BufferedInputStream(bytes, BUFFER);
        return formatOf(in, name) == InputFormat.X12 ? x12.read(in, name, fileIndex, sink)
                : csv.read(in, name, fileIndex, sink);
    }

    /** Records split so far over every file of either format, for estimating a batch's size. */
    public long recordsRead() {
        return csv.recordsRead() + x12.recordsRead();
    }

    /** What the CSV reader noted of the files so far (unused columns, skipped empty rows), for the user. */
    public List<String> notes() {
        return csv.notes();
    }

    private InputFormat formatOf(InputStream in, String name) throws InputException {
        if (format != InputFormat.AUTO) {
            return format;
        }
        try {
            return InputFormat.detect(in);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }
}
