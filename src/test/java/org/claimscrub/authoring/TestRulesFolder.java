package org.claimscrub.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Builds a rules folder for a test: the shipped common.drl and reference tables plus one family file, or a copy
 * of the shipped folder.
 */
public final class TestRulesFolder {
    private TestRulesFolder() {
    }

    public static Path with(Path folder, String familyFile) throws IOException {
        Files.createDirectories(folder.resolve("families"));
        Files.createDirectories(folder.resolve("reference"));
        Files.copy(Path.of("rules", "common.drl"), folder.resolve("common.drl"));
        try (Stream<Path> tables = Files.list(Path.of("rules", "reference"))) {
            for (Path t : tables.toList()) {
                Files.copy(t, folder.resolve("reference").resolve(t.getFileName()));
            }
        }
        Files.writeString(folder.resolve("families/test.drl"), familyFile);
        return folder;
    }

    /** A copy of the whole shipped rules folder (rules, reference tables, test cases), to change in a test. */
    public static Path copyOfShipped(Path folder) throws IOException {
        Path shipped = Path.of("rules");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path f : files.toList()) {
                Path target = folder.resolve(shipped.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return folder;
    }
}
