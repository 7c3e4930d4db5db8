package org.claimscrub.engine;

import org.claimscrub.concurrent.DaemonThreads;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Compiled rules kept between runs: the KIE packages a {@link RuleLoader} compiled, serialised with Drools' own
 * object streams, in one file per key. The key is a SHA-256 of everything the compiled packages depend on:
 * every {@code .drl} file (path and bytes), every file under {@code reference/}, the Drools version, the Java
 * runtime and the claimscrub build (the classes the rules are compiled against). A changed byte in any of them
 * gives another key, so another entry.
 *
 * <p>An entry is a header (magic, format, key, payload length, CRC-32C of the payload) and the payload (the
 * compiler's warnings, then the packages). One that is truncated, damaged, written by another format or filed
 * under the wrong key is never used: the rules compile again and the entry is replaced. Entries are written to a
 * temporary file in the cache folder and renamed into place, so a concurrent run reads a whole entry or none.
 * The newest {@value #KEEP} entries are kept.
 *
 * <p>Beside them, a note per rules folder ({@code last-<CRC-32C of its path>.key}) names the entry the folder
 * used last, so that the next load can start decoding it while the rule files are still being read and hashed
 * ({@link #ahead}); it is used only if the key turns out to be the same, so a wrong or stale note costs time on
 * the other core, never a wrong rule base.
 *
 * <p>An entry holds bytecode that runs inside the scrubber: the cache folder must be as trusted as the rules
 * folder. It is created readable by its owner only.
 */
public final class CompiledRulesCache {
    /** Names the cache folder when no option does. */
    public static final String ENVIRONMENT = "CLAIMSCRUB_RULE_CACHE";
    static final int KEEP = 16;
    static final String SUFFIX = ".rules";
    private static final byte[] MAGIC = "claimscrub compiled rules\n".getBytes(StandardCharsets.US_ASCII);
    /** Bumped whenever the entry layout changes. */
    private static final int FORMAT = 1;
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + KEY_BYTES + Long.BYTES + Long.BYTES;
    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);
    private static final String NOTE_PREFIX = "last-";
    private static final String NOTE_SUFFIX = ".key";
    private static final CompiledRulesCache OFF = new CompiledRulesCache(null, message -> { });

    private final Path folder;
    private final Consumer<String> notices;

    private CompiledRulesCache(Path folder, Consumer<String> notices) {
        this.folder = folder;
        this.notices = notices;
    }

    /** No cache: every load compiles. */
    public static CompiledRulesCache off() {
        return OFF;
    }

    /**
     * A cache in the folder (created when first written).
     *
     * @param notices told, in a sentence, when an entry is rebuilt or the folder cannot be used
     */
    public static CompiledRulesCache in(Path folder, Consumer<String> notices) {
        return new CompiledRulesCache(folder, notices);
    }

    /**
     * The default cache folder: {@code $CLAIMSCRUB_RULE_CACHE}, else {@code $XDG_CACHE_HOME/claimscrub/rules},
     * else {@code ~/.cache/claimscrub/rules}.
     */
    public static Path defaultFolder(Map<String, String> environment, String userHome) {
        String named = environment.get(ENVIRONMENT);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("claimscrub").resolve("rules");
    }

    public boolean enabled() {
        return folder != null;
    }

    /** The cache folder, empty when the cache is off. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** What an entry holds: the compiled packages (disabled rules included) and the compiler's warnings. */
    record Entry(KieBase kieBase, List<RuleProblem> warnings) {
    }

    /**
     * The key for a rules folder and the bytes of its {@code .drl} files, in the order the loader compiles them
     * (the bytes compiled, so that a file saved during the compile cannot be filed under the wrong key).
     */
    Key key(Path rulesFolder, Map<Path, byte[]> drlFiles) throws IOException {
        MessageDigest sha = sha256();
        update(sha, "format " + FORMAT);
        update(sha, "drools " + droolsVersion());
        update(sha, "java " + Runtime.version());
        update(sha, "build " + buildFingerprint());
        for (Map.Entry<Path, byte[]> file : drlFiles.entrySet()) {
            update(sha, rulesFolder, "rule", file.getKey(), file.getValue());
        }
        Path reference = rulesFolder.resolve("reference");
        if (Files.isDirectory(reference)) {
            try (Stream<Path> walk = Files.walk(reference)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    update(sha, rulesFolder, "reference", file, Files.readAllBytes(file));
                }
            }
        }
        return new Key(sha.digest());
    }

    /** The entry a rules folder used last, loading on a thread of its own: see {@link #ahead}. */
    record Ahead(Key key, Future<Entry> loading) {
    }

    /**
     * Starts reading and decoding the entry the rules folder used last (on a cache hit, decoding is two thirds of
     * the load and the key a third, so they go side by side on two cores); null when no load left a note of one.
     * The result is taken by {@link #read(Key, Path, Ahead)} only for the same key.
     */
    Ahead ahead(Path rulesFolder) {
        if (folder == null) {
            return null;
        }
        Key last;
        try {
            last = noted(noteFile(rulesFolder));
        } catch (IOException e) {
            return null;  // no note: the load goes the usual way
        }
        if (last == null) {
            return null;
        }
        FutureTask<Entry> loading = new FutureTask<>(() -> {
            byte[] bytes = Files.readAllBytes(folder.resolve(last.hex() + SUFFIX));
            return check(bytes, last) == null ? decode(bytes, rulesFolder) : null;
        });
        DaemonThreads.named("claimscrub-rule-cache").newThread(loading).start();
        return new Ahead(last, loading);
    }

    /**
     * The entry for the key: the one loaded ahead when it has this key and loaded, else as {@link #read(Key, Path)}
     * finds it (which says why an entry cannot be used); the folder's note then names it for the next load.
     *
     * @param ahead what {@link #ahead} started for this rules folder, or null
     */
    Optional<Entry> read(Key key, Path rulesFolder, Ahead ahead) {
        if (ahead != null && ahead.key().equals(key)) {
            try {
                Entry entry = ahead.loading().get();
                if (entry != null) {
                    return Optional.of(entry);
                }
            } catch (ExecutionException e) {
                // the read below meets the same problem, says what it is and removes the entry
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<Entry> entry = read(key, rulesFolder);
        if (entry.isPresent()) {
            note(rulesFolder, key);
        }
        return entry;
    }

    /** The entry for the key, or empty (and the entry removed) when there is none that can be used. */
    Optional<Entry> read(Key key, Path rulesFolder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.empty();  // nothing kept yet, or a folder that cannot be one (the write says so)
        }
        Path file = folder.resolve(key.hex() + SUFFIX);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            notices.accept("cannot read the rule cache entry " + file + " (" + e.getMessage() + "): compiling");
            return Optional.empty();
        }
        String unusable = check(bytes, key);
        if (unusable == null) {
            try {
                return Optional.of(decode(bytes, rulesFolder));
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                unusable = "it does not load (" + e + ")";
            }
        }
        notices.accept("the rule cache entry " + file + " is unusable: " + unusable + "; compiling the rules"
                + " again and replacing it");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the write that follows the compile replaces it
        }
        return Optional.empty();
    }

    /** Stores what was compiled; a cache that cannot be written is reported and the run goes on without it. */
    void write(Key key, Collection<KiePackage> packages, List<RuleProblem> warnings, Path rulesFolder) {
        if (folder == null) {
            return;
        }
        byte[] entry;
        try {
            entry = encode(key, packages, warnings, rulesFolder);
        } catch (IOException | RuntimeException e) {
            notices.accept("cannot store the compiled rules in the rule cache (" + e + "); they compile again"
                    + " next run");
            return;
        }
        try {
            createPrivateFolder(folder);
            replace(folder.resolve(key.hex() + SUFFIX), "." + key.hex().substring(0, 16) + "-", entry);
            note(rulesFolder, key);
            prune();
        } catch (IOException | SecurityException e) {
            notices.accept("the rule cache folder " + folder + " cannot be written (" + e.getMessage()
                    + "): running without the rule cache; set --rule-cache DIR or " + ENVIRONMENT
                    + " to a writable folder, or --no-rule-cache");
        }
    }

    /**
     * Writes the bytes to a temporary file in the cache folder and renames it onto the target (atomically where
     * the file system can), so that a concurrent run reads the whole file or none; the temporary file goes if
     * anything fails (one a killed run left is removed by {@link #prune} once stale).
     */
    private void replace(Path target, String temporaryPrefix, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(folder, temporaryPrefix, ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Why the bytes are not an entry for this key, or null when they are (so far as a checksum can tell). */
    static String check(byte[] bytes, Key key) {
        if (bytes.length < HEADER_BYTES) {
            return "it is shorter than an entry's header (" + bytes.length + " bytes)";
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            return "it is not a claimscrub rule cache entry";
        }
        int format = in.getInt();
        if (format != FORMAT) {
            return "it was written in entry format " + format + ", this version reads " + FORMAT;
        }
        byte[] stored = new byte[KEY_BYTES];
        in.get(stored);
        if (!Arrays.equals(stored, key.bytes())) {
            return "it was compiled from other rules (its key is " + HexFormat.of().formatHex(stored) + ")";
        }
        long length = in.getLong();
        long crc = in.getLong();
        if (length != bytes.length - HEADER_BYTES) {
            return "it is " + (bytes.length - HEADER_BYTES) + " bytes long after its header, not " + length
                    + " (truncated or appended to)";
        }
        CRC32C actual = new CRC32C();
        actual.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        if (actual.getValue() != crc) {
            return "its checksum does not match (the file is damaged)";
        }
        return null;
    }

    private static byte[] encode(Key key, Collection<KiePackage> packages, List<RuleProblem> warnings,
                                 Path rulesFolder) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1 << 21);
        DataOutputStream data = new DataOutputStream(payload);
        data.writeInt(warnings.size());
        for (RuleProblem warning : warnings) {
            data.writeUTF(warning.level().name());
            writeText(data, relativeToFolder(warning.file(), rulesFolder));
            data.writeInt(warning.line());
            data.writeInt(warning.column());
            writeText(data, warning.message());
        }
        data.flush();
        try (ObjectOutputStream objects = new DroolsObjectOutputStream(payload)) {
            objects.writeObject(new ArrayList<>(packages));
        }
        byte[] body = payload.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer entry = ByteBuffer.allocate(HEADER_BYTES + body.length);
        entry.put(MAGIC).putInt(FORMAT).put(key.bytes()).putLong(body.length).putLong(crc.getValue()).put(body);
        return entry.array();
    }

    @SuppressWarnings("unchecked")
    private static Entry decode(byte[] bytes, Path rulesFolder) throws IOException, ClassNotFoundException {
        InputStream body = new ByteArrayInputStream(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        DataInputStream data = new DataInputStream(body);
        int count = data.readInt();
        List<RuleProblem> warnings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RuleProblem.Level level = RuleProblem.Level.valueOf(data.readUTF());
            String file = rulesFolder.resolve(readText(data)).toString();
            warnings.add(new RuleProblem(level, file, data.readInt(), data.readInt(), readText(data)));
        }
        List<InternalKnowledgePackage> packages;
        try (ObjectInputStream objects = new DroolsObjectInputStream(body, CompiledRulesCache.class.getClassLoader())) {
            packages = (List<InternalKnowledgePackage>) objects.readObject();
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return new Entry(kieBase, List.copyOf(warnings));
    }

    private static String relativeToFolder(String file, Path rulesFolder) {
        Path path = Path.of(file);
        return path.startsWith(rulesFolder) ? rulesFolder.relativize(path).toString() : file;
    }

    private static void writeText(DataOutputStream data, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        data.writeInt(utf8.length);
        data.write(utf8);
    }

    private static String readText(DataInputStream data) throws IOException {
        return new String(data.readNBytes(data.readInt()), StandardCharsets.UTF_8);
    }

    private Path noteFile(Path rulesFolder) {
        CRC32C crc = new CRC32C();
        crc.update(rulesFolder.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        return folder.resolve(NOTE_PREFIX + HexFormat.of().toHexDigits((int) crc.getValue()) + NOTE_SUFFIX);
    }

    /** The key a note names, or null when it holds anything else (not a note this version writes). */
    private static Key noted(Path note) throws IOException {
        try {
            byte[] key = HexFormat.of().parseHex(Files.readString(note, StandardCharsets.US_ASCII));
            return key.length == KEY_BYTES ? new Key(key) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Notes that the rules folder uses the key's entry now; only a hint, so a note that cannot be written is none. */
    private void note(Path rulesFolder, Key key) {
        try {
            replace(noteFile(rulesFolder), ".note-", key.hex().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // the next load reads and hashes before it decodes, as without a note
        }
    }

    /** Keeps the newest entries and the notes that name one, and removes temporary files a killed run left. */
    private void prune() throws IOException {
        Instant staleBefore = Instant.now().minus(STALE_TEMPORARY);
        List<Path> entries = new ArrayList<>();
        List<Path> notes = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    entries.add(p);
                } else if (name.startsWith(NOTE_PREFIX) && name.endsWith(NOTE_SUFFIX)) {
                    notes.add(p);
                } else if (name.startsWith(".") && name.endsWith(".tmp")
                        && modified(p).toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (entries.size() > KEEP) {
            entries.sort((a, b) -> modified(b).compareTo(modified(a)));
            for (Path old : entries.subList(KEEP, entries.size())) {
                Files.deleteIfExists(old);
            }
        }
        for (Path note : notes) {
            Key named;
            try {
                named = noted(note);
            } catch (IOException e) {
                continue;  // removed or replaced by another run meanwhile
            }
            // a note of garbage (a NUL, a path) is parsed, never resolved: it must not stop the write
            if (named == null || !Files.exists(folder.resolve(named.hex() + SUFFIX))) {
                Files.deleteIfExists(note);
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
    }

    private static void update(MessageDigest sha, Path rulesFolder, String kind, Path file, byte[] bytes) {
        update(sha, kind + " " + rulesFolder.relativize(file).toString().replace('\\', '/') + " " + bytes.length);
        sha.update(bytes);
    }

    private static void update(MessageDigest sha, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
        sha.update(utf8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The Drools release on the class path, from its Maven metadata. */
    static String droolsVersion() throws IOException {
        try (InputStream in = KieBase.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }

    /**
     * The claimscrub build the rules compile against: the jar's path, size and time, or, when running from a
     * classes folder (tests, an IDE), every file's path, size and time. Hashing the jar's bytes would cost more
     * than the cache saves on a cold start.
     */
    private static String buildFingerprint() throws IOException {
        Path code;
        try {
            code = Path.of(CompiledRulesCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown build " + System.nanoTime();
        }
        if (Files.isRegularFile(code)) {
            return code.toAbsolutePath() + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
        }
        StringBuilder listing = new StringBuilder(code.toAbsolutePath().toString());
        try (Stream<Path> walk = Files.walk(code)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                listing.append('\n').append(code.relativize(p)).append(' ').append(Files.size(p)).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis());
            }
        }
        return listing.toString();
    }

    /** A SHA-256 of everything a compiled rule base depends on. */
    record Key(byte[] bytes) {
        String hex() {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return hex();
        }
    }
}
