package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiled-rules cache: used while nothing changed, never when anything did or the entry is unsound. */
class CompiledRulesCacheTest {
    @TempDir
    static Path shared;
    /** A copy of the shipped rules, and a cache holding its one compiled entry. */
    private static Path rules;
    private static Path seed;
    private static RuleBase compiled;

    @TempDir
    Path dir;
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void compileOnce() throws Exception {
        rules = copyOfShippedRules(shared.resolve("rules"));
        seed = shared.resolve("seed-cache");
        compiled = new RuleLoader(CompiledRulesCache.in(seed, n -> { })).load(rules);
        assertEquals(RuleBase.Origin.COMPILED, compiled.origin());
        assertEquals(1, entries(seed).size(), "one entry written");
    }

    private CompiledRulesCache cacheSeeded() throws IOException {
        Path folder = dir.resolve("cache");
        Files.createDirectories(folder);
        for (Path entry : entries(seed)) {
            Files.copy(entry, folder.resolve(entry.getFileName()));
        }
        return CompiledRulesCache.in(folder, notices::add);
    }

    @Test
    void anUnchangedRulesFolderLoadsFromTheCacheAndScrubsAlike() throws Exception {
        RuleBase cached = new RuleLoader(cacheSeeded()).load(rules);

        assertEquals(RuleBase.Origin.CACHE, cached.origin());
        assertEquals(compiled.edits(), cached.edits(), "edit definitions come back from a cached load");
        assertEquals(compiled.warnings(), cached.warnings());
        assertEquals(compiled.files(), cached.files());
        ReferenceData reference = new ReferenceDataLoader().load(rules.resolve("reference"));
        List<ClaimLine> lines = labWeek();
        assertEquals(compact(new Scrubber(compiled, reference).scrub(lines)),
                compact(new Scrubber(cached, reference).scrub(lines)));
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aMovedRulesFolderStillHits() throws Exception {
        Path moved = copyOfShippedRules(dir.resolve("elsewhere"));
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cacheSeeded()).load(moved).origin());
    }

    @Test
    void oneChangedByteInARuleFileRecompiles() throws Exception {
        Path changed = copyOfShippedRules(dir.resolve("changed"));
        Path file = changed.resolve("policy/carrier-priced.drl");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] = (byte) (bytes[bytes.length - 1] == ' ' ? '\t' : ' ');
        Files.write(file, bytes);
        CompiledRulesCache cache = cacheSeeded();

        RuleBase loaded = new RuleLoader(cache).load(changed);

        assertEquals(RuleBase.Origin.COMPILED, loaded.origin());
        assertEquals(2, entries(cache.folder().orElseThrow()).size(), "the changed rules get an entry of their own");
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(changed).origin());
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(rules).origin(), "the old entry stays");
    }

    @Test
    void theKeyCoversEveryRuleFileTheReferenceTablesAndTheirNames() throws Exception {
        CompiledRulesCache cache = CompiledRulesCache.in(dir, notices::add);
        Path copy = copyOfShippedRules(dir.resolve("copy"));
        CompiledRulesCache.Key original = cache.key(copy, sources(copy));

        Path table = copy.resolve("reference/codes.csv");
        byte[] bytes = Files.readAllBytes(table);
        Files.write(table, appendSpace(bytes));
        CompiledRulesCache.Key tableChanged = cache.key(copy, sources(copy));
        Files.write(table, bytes);
        assertEquals(original, cache.key(copy, sources(copy)), "the same bytes give the same key");

        Files.move(copy.resolve("policy/opps-packaging.drl"), copy.resolve("policy/opps-packaging2.drl"));
        CompiledRulesCache.Key renamed = cache.key(copy, sources(copy));

        assertFalse(original.equals(tableChanged), "a reference table byte changes the key");
        assertFalse(original.equals(renamed), "a renamed rule file changes the key");
    }

    @Test
    void damagedForeignAndStaleEntriesAreNeverUsed() throws Exception {
        CompiledRulesCache.Key key = CompiledRulesCache.in(seed, n -> { }).key(rules, sources(rules));
        byte[] good = Files.readAllBytes(entries(seed).get(0));
        assertNull(CompiledRulesCache.check(good, key));

        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("truncated", java.util.Arrays.copyOf(good, good.length - 100));
        bad.put("cut inside the header", java.util.Arrays.copyOf(good, 20));
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        bad.put("a flipped bit", flipped);
        byte[] appended = java.util.Arrays.copyOf(good, good.length + 1);
        bad.put("appended to", appended);
        bad.put("foreign and short", "PK\u0003\u0004 not an entry".getBytes(StandardCharsets.UTF_8));
        byte[] foreign = new byte[4096];
        new java.util.Random(7).nextBytes(foreign);
        bad.put("foreign", foreign);
        byte[] otherKey = good.clone();
        otherKey[30] ^= 1;  // inside the stored key: an entry of other rules filed under this name
        bad.put("stale", otherKey);
        byte[] otherFormat = good.clone();
        otherFormat[28] ^= 1;  // the format number after the 26-byte magic
        bad.put("other format", otherFormat);

        for (Map.Entry<String, byte[]> b : bad.entrySet()) {
            assertNotNull(CompiledRulesCache.check(b.getValue(), key), b.getKey() + " passed the check");
            Path folder = dir.resolve(b.getKey().replace(' ', '-'));
            Files.createDirectories(folder);
            Path file = folder.resolve(key.hex() + CompiledRulesCache.SUFFIX);
            Files.write(file, b.getValue());
            notices.clear();
            assertTrue(CompiledRulesCache.in(folder, notices::add).read(key, rules).isEmpty(), b.getKey());
            assertEquals(1, notices.size(), b.getKey() + ": " + notices);
            assertTrue(notices.get(0).contains("unusable"), notices.get(0));
            assertFalse(Files.exists(file), b.getKey() + ": an unusable entry is removed");
        }
    }

    @Test
    void aDamagedEntryIsRebuiltByTheNextLoad() throws Exception {
        CompiledRulesCache cache = cacheSeeded();
        Path entry = entries(cache.folder().orElseThrow()).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 7] ^= 0x40;
        Files.write(entry, bytes);

        RuleBase loaded = new RuleLoader(cache).load(rules);

        assertEquals(RuleBase.Origin.COMPILED, loaded.origin());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("checksum"), notices.get(0));
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));
        assertNull(CompiledRulesCache.check(Files.readAllBytes(entry), key), "the entry was written again");
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(rules).origin(), "rebuilt, then used");
    }

    @Test
    void twoRunsAtOnceBothLoadAndLeaveOneSoundEntry() throws Exception {
        Path folder = dir.resolve("cache");
        CompiledRulesCache cache = CompiledRulesCache.in(folder, notices::add);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<RuleBase> load = () -> {
                start.await();
                return new RuleLoader(cache).load(rules);
            };
            Future<RuleBase> a = pool.submit(load);
            Future<RuleBase> b = pool.submit(load);
            start.countDown();
            assertEquals(compiled.edits(), a.get().edits());
            assertEquals(compiled.edits(), b.get().edits());
        } finally {
            pool.shutdown();
        }
        assertTrue(notices.isEmpty(), notices.toString());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(entries(seed).get(0).getFileName().toString(), note(folder).getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "one entry and the rules folder's note of it, no temporary file left");
        }
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(rules).origin());
    }

    @Test
    void aReaderNeverSeesAHalfWrittenEntry() throws Exception {
        Path folder = dir.resolve("cache");
        CompiledRulesCache cache = CompiledRulesCache.in(folder, notices::add);
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));
        var packages = compiled.kieBase().getKiePackages();
        cache.write(key, packages, compiled.warnings(), rules);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    cache.write(key, packages, compiled.warnings(), rules);
                }
            });
            Future<Integer> reader = pool.submit(() -> {
                int hits = 0;
                for (int i = 0; i < 15; i++) {
                    hits += cache.read(key, rules).isPresent() ? 1 : 0;
                }
                return hits;
            });
            writer.get();
            assertEquals(15, reader.get(), "every read found a whole entry: " + notices);
        } finally {
            pool.shutdown();
        }
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void warningsComeBackLocatedInTheLoadedFolder() throws Exception {
        CompiledRulesCache cache = CompiledRulesCache.in(dir.resolve("cache"), notices::add);
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));
        RuleProblem warning = new RuleProblem(RuleProblem.Level.WARNING, rules.resolve("policy/ptp.drl").toString(),
                12, 5, "a warning, with ünïcode");
        cache.write(key, compiled.kieBase().getKiePackages(), List.of(warning), rules);

        Path moved = dir.resolve("moved");
        CompiledRulesCache.Entry entry = cache.read(key, moved).orElseThrow();

        assertEquals(List.of(new RuleProblem(RuleProblem.Level.WARNING, moved.resolve("policy/ptp.drl").toString(),
                12, 5, "a warning, with ünïcode")), entry.warnings());
    }

    @Test
    void aCacheFolderThatCannotBeWrittenIsReportedAndTheRunGoesOn() throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "in the way");
        RuleBase loaded = new RuleLoader(CompiledRulesCache.in(notAFolder, notices::add)).load(rules);

        assertEquals(RuleBase.Origin.COMPILED, loaded.origin());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("cannot be written") && notices.get(0).contains("--no-rule-cache"),
                notices.get(0));
    }

    @Test
    void theDefaultFolderFollowsTheEnvironment() {
        assertEquals(Path.of("/srv/cache"), CompiledRulesCache.defaultFolder(
                Map.of(CompiledRulesCache.ENVIRONMENT, "/srv/cache", "XDG_CACHE_HOME", "/x"), "/home/a"));
        assertEquals(Path.of("/x/claimscrub/rules"),
                CompiledRulesCache.defaultFolder(Map.of("XDG_CACHE_HOME", "/x"), "/home/a"));
        assertEquals(Path.of("/home/a/.cache/claimscrub/rules"), CompiledRulesCache.defaultFolder(Map.of(), "/home/a"));
    }

    @Test
    void aDisabledRuleStaysInTheCatalogAndOutOfTheEngineWhenCached() throws Exception {
        Path withDisabled = copyOfShippedRules(dir.resolve("disabled"));
        Path file = withDisabled.resolve("policy/carrier-priced.drl");
        String text = Files.readString(file);
        String disabledText = text.replaceFirst("@editId\\(", "@disabled(\"payer contract\") @editId(");
        assertFalse(text.equals(disabledText), "the fixture found a rule to disable");
        Files.writeString(file, disabledText);
        CompiledRulesCache cache = CompiledRulesCache.in(dir.resolve("cache"), notices::add);
        RuleBase first = new RuleLoader(cache).load(withDisabled);

        RuleBase cached = new RuleLoader(cache).load(withDisabled);

        assertEquals(RuleBase.Origin.CACHE, cached.origin());
        assertEquals(first.catalog().disabledEdits(), cached.catalog().disabledEdits());
        assertEquals(1, cached.catalog().disabledEdits().size());
        String rule = cached.catalog().disabledEdits().get(0).ruleName();
        assertTrue(cached.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .noneMatch(r -> r.getName().equals(rule)), "the disabled rule is not in the engine");
    }

    private static byte[] appendSpace(byte[] bytes) {
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        out[bytes.length] = ' ';
        return out;
    }

    private static List<String> compact(List<Finding> findings) {
        return findings.stream().map(f -> f.edit().editId() + "@" + f.line().claimId() + ":" + f.line().lineNumber()
                + " " + f.message()).toList();
    }

    private static List<ClaimLine> labWeek() throws Exception {
        List<ClaimLine> lines = new ArrayList<>();
        new CsvClaimReader().read(Path.of("claims-samples/lab-week.csv"), 0, ClaimSink.of(lines::add, r -> { }));
        return lines;
    }

    private static Map<Path, byte[]> sources(Path folder) throws IOException {
        Map<Path, byte[]> sources = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                sources.put(p, Files.readAllBytes(p));
            }
        }
        return sources;
    }

    @Test
    void aLoadNotesItsEntrySoTheNextStartsDecodingItBesideTheKey() throws Exception {
        CompiledRulesCache cache = cacheSeeded();
        Path folder = cache.folder().orElseThrow();
        assertNull(cache.ahead(rules), "no load has noted an entry yet");

        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(rules).origin());
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));
        assertEquals(key.hex(), Files.readString(note(folder)));
        CompiledRulesCache.Ahead ahead = cache.ahead(rules);
        assertEquals(key, ahead.key());
        assertNotNull(ahead.loading().get(), "the noted entry decoded on its own thread");
        assertEquals(compiled.edits(), new RuleLoader(cache).load(rules).edits());
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aNoteThatNamesOtherRulesOrNothingIsPassedOverAndWrittenAgain() throws Exception {
        CompiledRulesCache cache = cacheSeeded();
        Path folder = cache.folder().orElseThrow();
        new RuleLoader(cache).load(rules);
        Path note = note(folder);
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));
        for (String written : List.of("0".repeat(64), "not a key", "", key.hex().substring(2))) {
            Files.writeString(note, written);
            RuleBase loaded = new RuleLoader(cache).load(rules);
            assertEquals(RuleBase.Origin.CACHE, loaded.origin(), written);
            assertEquals(compiled.edits(), loaded.edits(), written);
            assertEquals(key.hex(), Files.readString(note), written);
        }
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aDamagedEntryTheNoteNamesIsStillNeverUsed() throws Exception {
        CompiledRulesCache cache = cacheSeeded();
        new RuleLoader(cache).load(rules);
        Path entry = entries(cache.folder().orElseThrow()).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 3] ^= 0x02;
        Files.write(entry, bytes);

        assertEquals(RuleBase.Origin.COMPILED, new RuleLoader(cache).load(rules).origin());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("checksum"), notices.get(0));
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(rules).origin(), "rebuilt, then used");
    }

    @Test
    void aChangedRuleFileIsCompiledWhateverTheNoteSays() throws Exception {
        Path changed = copyOfShippedRules(dir.resolve("changed"));
        CompiledRulesCache cache = CompiledRulesCache.in(dir.resolve("cache"), notices::add);
        assertEquals(RuleBase.Origin.COMPILED, new RuleLoader(cache).load(changed).origin());
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(changed).origin());
        Path file = changed.resolve("policy/modifiers.drl");
        Files.writeString(file, Files.readString(file) + "\n// one more line\n");

        assertEquals(RuleBase.Origin.COMPILED, new RuleLoader(cache).load(changed).origin());
        assertEquals(cache.key(changed, sources(changed)).hex(), Files.readString(note(cache.folder().orElseThrow())));
    }

    @Test
    void aNoteWhoseEntryIsGoneIsPrunedWithIt() throws Exception {
        Path folder = dir.resolve("cache");
        CompiledRulesCache cache = CompiledRulesCache.in(folder, notices::add);
        Files.createDirectories(folder);
        Path orphan = folder.resolve("last-0badf00d.key");
        Files.writeString(orphan, "ab".repeat(32));
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));

        cache.write(key, compiled.kieBase().getKiePackages(), compiled.warnings(), rules);

        assertFalse(Files.exists(orphan), "a note of an entry that is gone is removed");
        assertEquals(key.hex(), Files.readString(note(folder)), "the written entry is noted for its folder");
    }

    @Test
    void aNoteOfGarbageNeverStopsTheWriteThatPrunesIt() throws Exception {
        Path folder = dir.resolve("cache");
        CompiledRulesCache cache = CompiledRulesCache.in(folder, notices::add);
        Files.createDirectories(folder);
        // any folder's note is looked at by every write: a NUL is no file name, "../x" names one outside
        Path nul = Files.writeString(folder.resolve("last-0badf00d.key"), "a\0b");
        Path outside = Files.writeString(folder.resolve("last-0badf00e.key"), "../" + folder.getFileName());
        Files.writeString(dir.resolve("cache.rules"), "not an entry");
        CompiledRulesCache.Key key = cache.key(rules, sources(rules));

        cache.write(key, compiled.kieBase().getKiePackages(), compiled.warnings(), rules);

        assertTrue(notices.isEmpty(), notices.toString());
        assertFalse(Files.exists(nul), "a note that names no entry is removed");
        assertFalse(Files.exists(outside), "so is one that names a file outside the cache");
        assertTrue(Files.exists(dir.resolve("cache.rules")));
        assertEquals(RuleBase.Origin.CACHE, new RuleLoader(cache).load(rules).origin());
    }

    /** The one note in a cache folder. */
    private static Path note(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> notes = files.filter(p -> p.getFileName().toString().startsWith("last-")
                    && p.toString().endsWith(".key")).toList();
            assertEquals(1, notes.size(), notes.toString());
            return notes.get(0);
        }
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(CompiledRulesCache.SUFFIX)).sorted().toList();
        }
    }

    private static Path copyOfShippedRules(Path target) throws IOException {
        Path source = Path.of("rules");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.filter(p -> !p.startsWith(source.resolve("tests"))).toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
