package org.claimscrub.cli;

import org.claimscrub.engine.CompiledRulesCache;
import org.claimscrub.engine.RuleLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The compiled-rules cache options of every command that compiles the rules. */
final class RuleCacheOptions {
    @Option(names = "--rule-cache", paramLabel = "DIR",
            description = "Keep compiled rules in this folder and reuse them while the rules folder, its reference"
                    + " tables and claimscrub are unchanged (default: $" + CompiledRulesCache.ENVIRONMENT
                    + ", else $XDG_CACHE_HOME/claimscrub/rules, else ~/.cache/claimscrub/rules).")
    Path folder;

    @Option(names = "--no-rule-cache", description = "Compile the rules, and neither use nor fill the cache.")
    boolean off;

    /** The same options, for a command run from this one. */
    List<String> arguments() {
        if (off) {
            return List.of("--no-rule-cache");
        }
        return folder != null ? List.of("--rule-cache", folder.toString()) : List.of();
    }

    RuleLoader loader() {
        return new RuleLoader(cache());
    }

    CompiledRulesCache cache() {
        if (off) {
            return CompiledRulesCache.off();
        }
        Path chosen = folder != null ? folder
                : CompiledRulesCache.defaultFolder(System.getenv(), System.getProperty("user.home"));
        return CompiledRulesCache.in(chosen, notice -> System.err.println("claimscrub: " + notice));
    }
}
