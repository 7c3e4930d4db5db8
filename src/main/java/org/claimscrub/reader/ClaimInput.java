package org.claimscrub.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A reader of claim files: CSV, X12 837, or either told from the content ({@link ClaimFileReader}). */
public interface ClaimInput {
    /** Reads one file's bytes under the given name; returns the number of lines read (accepted plus rejected). */
    long read(InputStream bytes, String name, int fileIndex, ClaimSink sink) throws InputException;

    /** Reads one file; returns the number of lines read (accepted plus rejected). */
    default long read(Path file, int fileIndex, ClaimSink sink) throws InputException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, fileIndex, sink);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": file not found");
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }
}
