package org.claimscrub.pipeline;

import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.RuleBase;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which overrides apply: --overrides FILE, else RULES/overrides.csv when present, else none. */
public final class OverridesFile {
    private OverridesFile() {
    }

    public static Overrides load(Path given, Path rulesFolder, RuleBase rules) throws OverridesException {
        Path file = given != null ? given : rulesFolder.resolve(Overrides.DEFAULT_FILE);
        if (given == null && !Files.isRegularFile(file)) {
            return Overrides.NONE;
        }
        return Overrides.load(file, rules.edits());
    }
}
