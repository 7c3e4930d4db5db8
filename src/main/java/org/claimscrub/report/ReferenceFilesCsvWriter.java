package org.claimscrub.report;

import com.opencsv.ICSVWriter;

import org.claimscrub.model.ReferenceFile;

import java.io.Writer;
import java.util.Objects;

/** reference-files.csv: the CMS table files a run used, the dates of service each applied to, rows and SHA-256. */
public final class ReferenceFilesCsvWriter {
    public static final String FILE_NAME = "reference-files.csv";
    public static final String[] HEADER = {"kind", "setting", "file", "in_force_from", "in_force_through", "rows",
        "sha256"};
    /** File names come from the command line; always guarded (this file is for people). */
    private static final CsvText TEXT = new CsvText(true);

    public void write(Iterable<ReferenceFile> files, Writer out) {
        ICSVWriter csv = CsvCells.writer(out);
        csv.writeNext(HEADER, false);
        for (ReferenceFile f : files) {
            csv.writeNext(TEXT.cells(f.kind().name(), f.setting(), f.file(), Objects.toString(f.from(), ""),
                    Objects.toString(f.through(), ""), Long.toString(f.rows()), f.sha256()), false);
        }
        csv.flushQuietly();
    }
}
