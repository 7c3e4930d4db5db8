package org.claimscrub.cli;

import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The rules and reference tables of a rules folder, loaded for the analyst commands; problems go to stderr. */
record LoadedRules(Path folder, RuleBase rules, ReferenceData reference) {

    /** Signals that loading failed and was reported; carries the exit code. */
    static final class Failed extends Exception {
        final ExitCode exitCode;

        Failed(ExitCode exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** The rules folder to use; reported when it does not exist. */
    static Path existing(Path given) throws Failed {
        Path folder = RulesFolder.resolve(given);
        if (!Files.isDirectory(folder)) {
            System.err.println("claimscrub: rules folder not found: " + folder);
            throw new Failed(ExitCode.RULES);
        }
        return folder;
    }

    static LoadedRules load(Path given, RuleCacheOptions cache) throws Failed {
        Path folder = existing(given);
        try {
            ReferenceData reference = new ReferenceDataLoader().load(folder.resolve("reference"));
            return new LoadedRules(folder, cache.loader().load(folder), reference);
        } catch (ReferenceDataException e) {
            System.err.println("claimscrub: reference data problem:\n" + e.getMessage());
            throw new Failed(ExitCode.REFERENCE_DATA);
        } catch (RuleCompilationException e) {
            System.err.println("claimscrub: the rules do not compile (" + e.problems().size()
                    + " problem(s)); run 'claimscrub rules validate' for the full list:");
            e.problems().forEach(System.err::println);
            throw new Failed(ExitCode.RULES);
        } catch (IOException e) {
            System.err.println("claimscrub: cannot read the rules: " + e.getMessage());
            throw new Failed(ExitCode.RULES);
        }
    }
}
