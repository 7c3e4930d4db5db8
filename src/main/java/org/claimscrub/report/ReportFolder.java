package org.claimscrub.report;

import org.claimscrub.spill.SpillFolder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A report folder used by one run at a time, whose report changes as a whole: the old report or the whole new
 * one, never a mix, whenever the run is killed.
 *
 * <p>Layout: the report's files live in a generation folder {@code DIR/.claimscrub/report-<id>/}, and
 * {@code DIR/.claimscrub/current} is a symbolic link to the generation in force. Each report name in the folder
 * ({@code DIR/findings.csv}...) is a symbolic link to {@code .claimscrub/current/<name>}, made once and never
 * changed, so users open {@code DIR/findings.csv} as before. A new report is written into a fresh generation,
 * then committed by one rename of a new link over {@code current}: before that rename every name shows the old
 * report, after it the new one. Generations no longer current and work folders are removed afterwards, or by
 * the next run if this one is killed first.
 *
 * <p>On a file system without symbolic links (some network shares) the report's files are written straight into
 * the folder instead, each to a temporary file renamed over its name, run.json removed first and renamed last
 * ({@link ReportFiles#commit}): a run killed part way leaves no run.json, so the files beside a run.json are always
 * one report's ({@link #replacesFileByFile}).
 *
 * <p>Locking: {@code DIR/.claimscrub/lock} is locked with an OS file lock for the whole run. A second run fails at
 * once ({@link ReportFolderException#busy()}); the OS releases the lock of a killed process, so a later run takes
 * over and removes what the killed run left. Nothing here follows a symbolic link it did not make: stale work
 * folders, generations and the files of older versions ({@code .claimscrub-work-*}, {@code .claimscrub-*.tmp})
 * are removed as links, never through them.
 */
public final class ReportFolder implements AutoCloseable {
    public static final String STORE = ".claimscrub";
    private static final String LOCK = "lock";
    private static final String CURRENT = "current";
    private static final String GENERATION = "report-";
    private static final String WORK = "work-";
    private static final String NEW_LINK = "current.new-";
    /** A link made and removed at open to learn whether the file system has symbolic links. */
    private static final String PROBE = "link-probe-";
    /** The manifest, replaced last when a report of claimscrub 0.1 is replaced. */
    private static final String MANIFEST = "run.json";
    /** What claimscrub 0.1 left in a report folder: work folders and temporary report files. */
    private static final String LEGACY_PREFIX = ".claimscrub-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final Path store;
    private final Set<String> reportNames;
    private final List<SpillFolder> workFolders = new ArrayList<>();
    private final boolean linksAllowed;
    private boolean links;
    private ReportFiles plainReport;
    private boolean createdFolder;
    private FileChannel lockFile;
    private Path generation;
    private boolean closed;

    /**
     * The folder, not yet touched: a shutdown hook may {@link #close} it from now on, and then {@link #open}
     * does nothing, so a signal at any moment leaves nothing behind.
     *
     * @param reportNames every file name a report may hold (any format), for the checks and the clean-up
     */
    public ReportFolder(Path folder, Set<String> reportNames) {
        this(folder, reportNames, true);
    }

    /** @param linksAllowed false to write as on a file system without symbolic links (for tests) */
    ReportFolder(Path folder, Set<String> reportNames, boolean linksAllowed) {
        this.folder = folder;
        this.store = folder.resolve(STORE);
        this.reportNames = Set.copyOf(reportNames);
        this.linksAllowed = linksAllowed;
    }

    /** Whether the report's files are replaced one by one, run.json last (no symbolic links here); set by open. */
    public boolean replacesFileByFile() {
        return !links;
    }

    /**
     * Takes the folder for this run: creates it if need be, locks it, removes what killed runs left, and checks
     * that no report name is blocked (by a folder, a file of claimscrub 0.1 aside, or a link of the user's).
     */
    public synchronized void open() throws ReportFolderException {
        checkOpenable();
        createdFolder = prepareFolder(folder);
        try {
            for (int attempt = 0; lockFile == null; attempt++) {
                if (attempt == 3) {
                    throw busy(folder);
                }
                lockFile = lock(folder, store);
            }
            removeLeftovers();
            links = linksAllowed && hasLinks(store);
            checkNames();
        } catch (ReportFolderException e) {
            close();
            throw e;
        } catch (IOException | RuntimeException e) {
            close();
            throw new ReportFolderException("cannot use the report folder " + folder + ": "
                    + (e instanceof IOException io ? reason(io) : e.toString()), false);
        }
    }

    /** Whether a symbolic link can be made in the store (not on some network shares, nor without the privilege). */
    private static boolean hasLinks(Path store) {
        Path probe = store.resolve(PROBE + HexFormat.of().formatHex(randomBytes()));
        try {
            Files.createSymbolicLink(probe, Path.of(LOCK));
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void checkOpenable() throws ReportFolderException {
        if (closed || lockFile != null) {
            throw new ReportFolderException("the run is ending: the report folder " + folder + " is closed", false);
        }
    }

    /** Checks what --out names and creates it when absent; returns whether it was created. */
    private static boolean prepareFolder(Path folder) throws ReportFolderException {
        if (Files.isSymbolicLink(folder) && !Files.exists(folder)) {
            String target;
            try {
                target = Files.readSymbolicLink(folder).toString();
            } catch (IOException e) {
                target = "?";
            }
            throw new ReportFolderException("the report folder " + folder + " is a symbolic link to " + target
                    + ", which does not exist", false);
        }
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new ReportFolderException("the report folder " + folder + " is a file, not a folder", false);
            }
            if (!Files.isWritable(folder)) {
                throw new ReportFolderException("the report folder " + folder + " is read-only for this user", false);
            }
            return false;
        }
        try {
            Files.createDirectories(folder);
            return true;
        } catch (AccessDeniedException e) {
            throw new ReportFolderException("cannot create the report folder " + folder + ": no permission to write"
                    + " in " + e.getFile(), false);
        } catch (IOException e) {
            throw new ReportFolderException("cannot create the report folder " + folder + ": " + reason(e), false);
        }
    }

    /**
     * Locks the store's lock file, or returns null when the file was replaced under us (a run ending removed
     * it) and the caller should try again. The lock is ours only if the file at the lock's path is the one we
     * locked: we write a token through the locked channel and read it back by path.
     */
    private static FileChannel lock(Path folder, Path store) throws IOException {
        if (Files.exists(store, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(store, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReportFolderException(store + " is not claimscrub's folder (it is a file or a symbolic link):"
                    + " remove it", false);
        }
        Files.createDirectories(store);
        Path path = store.resolve(LOCK);
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), SpillFolder.ownerOnly("rw-------"));
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw busy(folder);
        }
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(token), 0);
        byte[] atPath;
        try (SeekableByteChannel check = Files.newByteChannel(path, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer read = ByteBuffer.allocate(token.length + 1);
            while (check.read(read) > 0) {
                // read it all
            }
            atPath = Arrays.copyOf(read.array(), read.position());
        } catch (java.nio.file.NoSuchFileException e) {
            atPath = new byte[0];
        }
        if (!Arrays.equals(token, atPath)) {
            channel.close();
            return null;
        }
        return channel;
    }

    private static ReportFolderException busy(Path folder) {
        return new ReportFolderException("another claimscrub run is writing into the report folder " + folder
                + " (it holds " + folder.resolve(STORE).resolve(LOCK) + "): wait for it to end, or give another"
                + " --out", true);
    }

    /** Work folders and generations of killed runs, and files claimscrub 0.1 left: removed, links not followed. */
    private void removeLeftovers() throws IOException {
        String current = currentGeneration();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(store)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(WORK) || name.startsWith(NEW_LINK) || name.startsWith(PROBE)
                        || name.startsWith(GENERATION) && !name.equals(current)) {
                    SpillFolder.deleteTree(entry);
                }
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, LEGACY_PREFIX + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(LEGACY_PREFIX + "work-") || name.endsWith(".tmp")) {
                    SpillFolder.deleteTree(entry);
                }
            }
        }
    }

    /**
     * The name of the generation in force, or null when the folder has no report of this layout. Only a link to
     * a generation beside it counts: a link planted elsewhere never leads the clean-up out of the store.
     */
    private String currentGeneration() throws IOException {
        Path link = store.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        Path target = Files.readSymbolicLink(link);
        String name = target.toString();
        return target.getNameCount() == 1 && !target.isAbsolute() && name.startsWith(GENERATION) ? name : null;
    }

    private Path linkTarget(String name) {
        return Path.of(STORE, CURRENT, name);
    }

    /** Each report name is absent, one of our links, or a file of claimscrub 0.1; anything else blocks it. */
    private void checkNames() throws ReportFolderException {
        for (String name : reportNames) {
            Path path = folder.resolve(name);
            if (blocked(path, name)) {
                throw new ReportFolderException("the report folder " + folder + " holds " + describe(path)
                        + " named " + name + " where the report's file goes: move it away", false);
            }
        }
    }

    private boolean blocked(Path path, String name) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return !(Files.isSymbolicLink(path) && Files.readSymbolicLink(path).equals(linkTarget(name)));
        } catch (IOException e) {
            return true;
        }
    }

    private static String describe(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link of its own";
        }
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a special file";
    }

    /**
     * Whether a file given as input is part of the report this run replaces (a report name in the folder, or
     * anything in its store), links followed: reading it and then replacing it would lose it.
     */
    public boolean holds(Path input) throws IOException {
        if (!Files.exists(input)) {
            return false;
        }
        Path real = input.toRealPath();
        if (real.startsWith(store.toRealPath())) {
            return true;
        }
        for (String name : reportNames) {
            Path path = folder.resolve(name);
            if (Files.exists(path) && Files.isSameFile(path, real)) {
                return true;
            }
        }
        return false;
    }

    /** A new owner-only, encrypted work folder for spill files, removed when this folder is closed at the latest. */
    public synchronized SpillFolder newWorkFolder() throws IOException {
        checkOpen();
        SpillFolder work = SpillFolder.create(store, WORK);
        workFolders.add(work);
        return work;
    }

    /** The files of the new report, written into a fresh generation; {@link #commit} puts them in force. */
    public synchronized ReportFiles newReport() throws IOException {
        checkOpen();
        if (generation != null || plainReport != null) {
            throw new IllegalStateException("one report per run");
        }
        if (!links) {
            plainReport = new ReportFiles(folder);
            return plainReport;
        }
        generation = store.resolve(GENERATION + HexFormat.of().formatHex(randomBytes()));
        Files.createDirectory(generation);
        return new ReportFiles(generation);
    }

    /**
     * Puts the new report in force by one rename, after the {@link ReportFiles} of {@link #newReport} were
     * committed. When this throws, the old report is still the one in force. Without symbolic links the files
     * are in force once they are committed; this removes the previous report's files that this one did not write
     * (another format's).
     */
    public synchronized void commit() throws IOException {
        checkOpen();
        if (!links) {
            // the files are in place already; a report name this report did not write is the last one's
            List<String> written = plainReport.names();
            for (String name : reportNames) {
                if (!written.contains(name) && Files.isRegularFile(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(folder.resolve(name));
                }
            }
            return;
        }
        List<String> names;
        try (Stream<Path> files = Files.list(generation)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        String previous = currentGeneration();
        Set<String> legacy = new LinkedHashSet<>();
        for (String name : reportNames) {
            if (Files.isRegularFile(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                legacy.add(name);
            }
        }
        List<Path> madeLinks = new ArrayList<>();
        try {
            for (String name : names) {
                Path path = folder.resolve(name);
                if (legacy.contains(name)) {
                    continue;
                }
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(path, linkTarget(name));
                    madeLinks.add(path);
                } else if (blocked(path, name)) {
                    throw new ReportFolderException("the report folder " + folder + " holds " + describe(path)
                            + " named " + name + " where the report's file goes: move it away", false);
                }
            }
        } catch (IOException e) {
            for (Path link : madeLinks) {
                Files.deleteIfExists(link);
            }
            throw e;
        }
        Path newLink = store.resolve(NEW_LINK + HexFormat.of().formatHex(randomBytes()));
        Files.createSymbolicLink(newLink, generation.getFileName());
        Files.move(newLink, store.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
        Path committed = generation;
        generation = null;
        for (String name : reportNames) {
            if (!names.contains(name)) {
                Path path = folder.resolve(name);
                if (Files.isSymbolicLink(path) && !blocked(path, name)) {
                    Files.delete(path);
                }
            }
        }
        replaceLegacyFiles(legacy, names);
        if (previous != null && !previous.equals(committed.getFileName().toString())) {
            SpillFolder.deleteTree(store.resolve(previous));
        }
    }

    /**
     * The report files claimscrub 0.1 wrote in place are replaced by links name by name, run.json first removed
     * and last linked (as 0.1 did): a report of that layout can change as a whole only this way, once.
     */
    private void replaceLegacyFiles(Set<String> legacy, List<String> names) throws IOException {
        if (legacy.isEmpty()) {
            return;
        }
        Files.deleteIfExists(folder.resolve(MANIFEST));
        List<String> order = new ArrayList<>(legacy);
        order.remove(MANIFEST);
        if (names.contains(MANIFEST)) {
            order.add(MANIFEST);
        }
        for (String name : order) {
            if (!names.contains(name)) {
                Files.deleteIfExists(folder.resolve(name));
                continue;
            }
            Path link = folder.resolve(LEGACY_PREFIX + "link-" + HexFormat.of().formatHex(randomBytes()) + ".tmp");
            Files.createSymbolicLink(link, linkTarget(name));
            Files.move(link, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private void checkOpen() throws IOException {
        if (closed || lockFile == null) {
            throw new IOException("the run is ending: the report folder " + folder + " is closed");
        }
    }

    /**
     * Removes the work folders and an uncommitted generation, then releases the lock. A folder left without any
     * report loses the store, and the folder itself when this run created it and it is empty. Safe to call
     * again, and from a shutdown hook while the run's thread still works.
     */
    @Override
    public synchronized void close() throws ReportFolderException {
        if (closed) {
            return;
        }
        closed = true;
        if (lockFile == null) {
            // not locked: nothing of this run is here, and what is there may be another run's
            if (createdFolder) {
                deleteIfEmpty(store);
                deleteIfEmpty(folder);
            }
            return;
        }
        IOException failed = null;
        try {
            for (SpillFolder work : workFolders) {
                work.close();
            }
            if (generation != null) {
                SpillFolder.deleteTree(generation);
            }
            if (currentGeneration() == null) {
                // no report here: leave the folder as it was (the lock file goes while we still hold it)
                removeLeftovers();
                Files.deleteIfExists(store.resolve(LOCK));
                try {
                    Files.deleteIfExists(store);
                } catch (DirectoryNotEmptyException e) {
                    // something not of ours is in it: leave it
                }
                if (createdFolder) {
                    deleteIfEmpty(folder);
                }
            }
        } catch (IOException e) {
            failed = e;
        } finally {
            try {
                lockFile.close();
            } catch (IOException e) {
                failed = failed != null ? failed : e;
            }
        }
        if (failed != null) {
            throw new ReportFolderException("cannot remove the work files in " + store + ": " + reason(failed),
                    false);
        }
    }

    private static void deleteIfEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException e) {
            // nothing of ours is in it; an empty folder left behind is harmless
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The file system's reason, without repeating the path when the exception gives one. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.getMessage();
    }
}
