package org.claimscrub.report;

import org.claimscrub.concurrent.TaskFailure;

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
import java.util.concurrent.FutureTask;

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

    /** Some of the report's files, written by {@link #inParallel}. */
    public interface Group {
        void write() throws IOException;
    }

    /**
     * Writes two independent groups of files at once, {@code second} on a thread of its own: the findings merge
     * and the claim merge each take a core's time on a large batch. Each file is still written by one thread, so
     * its bytes do not depend on this. Waits for both; the first failure is thrown.
     */
    public void inParallel(Group first, Group second) throws IOException {
        FutureTask<Void> other = new FutureTask<>(() -> {
            second.write();
            return null;
        });
        Thread thread = new Thread(other, "claimscrub-report");
        thread.setDaemon(true);
        thread.start();
        try {
            first.write();
        } finally {
            TaskFailure.await(other, "interrupted while the report was written");
        }
    }


    /** A report file of bytes already encoded (UTF-8), for the big findings file. */
    public void writeBytes(String name, Bytes content) throws IOException {
        Path tmp = pend(name);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            content.writeTo(out);
        }
    }

    public void write(String name, Content content) throws IOException {
        Path tmp = pend(name);
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
    }

    /** A new temporary file for the name; files may be started on two threads ({@link #inParallel}). */
    private Path pend(String name) throws IOException {
        Path tmp = Files.createTempFile(folder, TEMP_PREFIX + name + ".", TEMP_SUFFIX);
        synchronized (pending) {
            pending.add(new Path[] {tmp, folder.resolve(name)});
        }
        return tmp;
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

    /** The names of the files this report writes, in the order they were started. */
    public List<String> names() {
        synchronized (pending) {
            return pending.stream().map(move -> move[1].getFileName().toString()).toList();
        }
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
