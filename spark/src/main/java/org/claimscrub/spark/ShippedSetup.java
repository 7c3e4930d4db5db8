package org.claimscrub.spark;

import org.claimscrub.engine.CompiledRulesCache;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.Severity;
import org.claimscrub.pipeline.GroupScrub;
import org.claimscrub.pipeline.RulesSetup;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.report.FileDigest;
import org.claimscrub.report.FindingsFilter;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Everything a scrub runs with, as the bytes of its files, broadcast to the executors: the rules folder (DRL
 * text, reference tables, overrides.csv), an --overrides file given elsewhere, and the CMS table files. A compiled
 * KieBase is not serialisable, so each executor JVM writes the files to a private temporary folder and loads them
 * with the core's {@link RulesSetup}, once per distinct setup (keyed by the SHA-256 of every byte), and every task
 * of the JVM shares the result.
 */
final class ShippedSetup implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    /** A CMS table file: its kind (the option it came from), its file name (which dates it), its @DATE suffix. */
    record CmsFile(String kind, String name, String suffix, byte[] bytes) implements Serializable {
    }

    /** The setup an executor scrubs with. */
    record Loaded(Scrubber scrubber, GroupScrub group) {
    }

    private final LinkedHashMap<String, byte[]> rulesFiles;
    private final String overridesName;
    private final byte[] overrides;
    private final List<CmsFile> cmsFiles;
    private final Severity minSeverity;
    private final Duration ruleTimeout;
    private final String hash;

    private ShippedSetup(LinkedHashMap<String, byte[]> rulesFiles, String overridesName, byte[] overrides,
                         List<CmsFile> cmsFiles, Severity minSeverity, Duration ruleTimeout) {
        this.rulesFiles = rulesFiles;
        this.overridesName = overridesName;
        this.overrides = overrides;
        this.cmsFiles = cmsFiles;
        this.minSeverity = minSeverity;
        this.ruleTimeout = ruleTimeout;
        MessageDigest sha = FileDigest.newSha256();
        rulesFiles.forEach((name, bytes) -> {
            sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(bytes);
        });
        if (overrides != null) {
            sha.update(overrides);
        }
        for (CmsFile f : cmsFiles) {
            sha.update((f.kind() + "/" + f.name() + f.suffix()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(f.bytes());
        }
        sha.update((minSeverity + "/" + ruleTimeout).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.hash = HexFormat.of().formatHex(sha.digest());
    }

    /** Reads the files on the driver, as the options name them. */
    static ShippedSetup read(Path rulesFolder, Path overridesFile, CmsTableLoader.Request cms, Severity minSeverity,
                             Duration ruleTimeout) throws IOException {
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(rulesFolder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                files.put(rulesFolder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        List<CmsFile> cmsFiles = new ArrayList<>();
        cms.mue().forEach(spec -> cmsFiles.add(cmsFile("mue", spec)));
        cms.ptp().forEach(spec -> cmsFiles.add(cmsFile("ptp", spec)));
        if (cms.aoc() != null) {
            cmsFiles.add(cmsFile("aoc", cms.aoc()));
        }
        cms.pfs().forEach(spec -> cmsFiles.add(cmsFile("pfs", spec)));
        return new ShippedSetup(files, overridesFile == null ? null : overridesFile.getFileName().toString(),
                overridesFile == null ? null : Files.readAllBytes(overridesFile), cmsFiles, minSeverity, ruleTimeout);
    }

    /** FILE[@DATE]: the date suffix stays with the file; a missing file fails here, before any task starts. */
    private static CmsFile cmsFile(String kind, String spec) {
        int at = spec.lastIndexOf('@');
        Path file = Path.of(at > 0 && !Files.exists(Path.of(spec)) ? spec.substring(0, at) : spec);
        String suffix = file.toString().equals(spec) ? "" : spec.substring(at);
        try {
            return new CmsFile(kind, file.getFileName().toString(), suffix, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("--" + kind + " " + spec + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Names this setup: the same bytes and options give the same hash. */
    String hash() {
        return hash;
    }

    FindingsFilter filter() {
        return new FindingsFilter(minSeverity);
    }

    /** The setup loaded in this JVM: the first task to ask loads it, the others wait and share it. */
    Loaded loaded() {
        return LOADED.computeIfAbsent(hash, h -> {
            try {
                return load();
            } catch (Exception e) {
                throw new IllegalStateException("the rules setup does not load: " + e.getMessage(), e);
            }
        });
    }

    private Loaded load() throws Exception {
        Path folder = Files.createTempDirectory("claimscrub-setup-");
        deleteOnExit(folder);
        Path rules = folder.resolve("rules");
        for (Map.Entry<String, byte[]> file : rulesFiles.entrySet()) {
            Path target = rules.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Path overridesFile = null;
        if (overrides != null) {
            overridesFile = Files.write(folder.resolve(overridesName), overrides);
        }
        List<String> mue = new ArrayList<>();
        List<String> ptp = new ArrayList<>();
        List<String> pfs = new ArrayList<>();
        String aoc = null;
        for (int i = 0; i < cmsFiles.size(); i++) {
            CmsFile f = cmsFiles.get(i);
            Path target = Files.createDirectories(folder.resolve("cms").resolve(Integer.toString(i)))
                    .resolve(f.name());
            Files.write(target, f.bytes());
            String spec = target + f.suffix();
            switch (f.kind()) {
                case "mue" -> mue.add(spec);
                case "ptp" -> ptp.add(spec);
                case "pfs" -> pfs.add(spec);
                default -> aoc = spec;
            }
        }
        // no rule cache: an executor compiles once for its whole life, and may have no home folder to cache in
        RulesSetup.Rules compiled = RulesSetup.rules(new RuleLoader(CompiledRulesCache.off()), rules, overridesFile);
        RulesSetup.Tables tables = RulesSetup.tables(rules, new CmsTableLoader.Request(mue, ptp, aoc, pfs));
        Scrubber scrubber = new Scrubber(compiled.ruleBase(), tables.reference(), tables.cms(), ruleTimeout);
        return new Loaded(scrubber, new GroupScrub(scrubber, compiled.overrides(), filter()));
    }

    private static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // the JVM is going down; the temporary folder is the system's to clear
            }
        }, "claimscrub-setup-cleanup"));
    }
}
