package org.claimscrub.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report files so that none appears half written: each is written to a temporary file in the output
 * folder, and all are moved into place only when every one is complete ({@link #commit()}). The last file
 * written is the completion marker (run.json): commit removes the previous one first and moves the new one
 * last, so a marker always describes the files beside it. Temporary files a killed run left behind are
 * removed when the next report starts.
 */
public final class ReportFiles implements AutoCloseable {
    private static final String TEMP_PREFIX = ".claimscrub-";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path folder;
    private final List<Path[]> pending = new ArrayList<>();
    private boolean committed;

    public ReportFiles(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        }
    }

    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    public interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A report file of bytes already encoded (UTF-8), for the big findings file. */
    public void writeBytes(String name, Bytes content) throws IOException {
        Path tmp = Files.createTempFile(folder, TEMP_PREFIX + name + ".", TEMP_SUFFIX);
        pending.add(new Path[] {tmp, folder.resolve(name)});
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            content.writeTo(out);
        }
    }

    public void write(String name, Content content) throws IOException {
        Path tmp = Files.createTempFile(folder, TEMP_PREFIX + name + ".", TEMP_SUFFIX);
        pending.add(new Path[] {tmp, folder.resolve(name)});
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
    }

    public void commit() throws IOException {
        if (!pending.isEmpty()) {
            Files.deleteIfExists(pending.get(pending.size() - 1)[1]);
        }
        for (Path[] move : pending) {
            try {
                Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(move[0], move[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /** Removes the temporary files of a report that was never committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            for (Path[] move : pending) {
                Files.deleteIfExists(move[0]);
            }
        }
    }
}
