package org.claimscrub.cli;

import org.claimscrub.authoring.EditCatalogDocument;
import org.claimscrub.report.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code claimscrub rules catalog}: writes the edit catalog, generated from the rules. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Write the catalog of every edit (id, rule file, category, severity, message, sources,"
                + " effective dates, enabled or not) as edit-catalog.md and edit-catalog.html, generated from"
                + " the rules.")
final class RulesCatalogCommand implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder (default: ./rules).")
    Path rules;

    @Mixin
    RuleCacheOptions ruleCache;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs",
            description = "Folder to write into (default: ${DEFAULT-VALUE}, where the shipped catalog lives).")
    Path out;

    @Override
    public Integer call() {
        LoadedRules loaded;
        try {
            loaded = LoadedRules.load(rules, ruleCache);
        } catch (LoadedRules.Failed e) {
            return e.exitCode.code();
        }
        try (ReportFiles files = new ReportFiles(out)) {
            EditCatalogDocument catalog = EditCatalogDocument.of(loaded.folder(), loaded.rules(), loaded.reference());
            files.write(EditCatalogDocument.MARKDOWN_FILE, w -> w.write(catalog.markdown()));
            files.write(EditCatalogDocument.HTML_FILE, w -> w.write(catalog.html()));
            files.commit();
            RulesCommand.console().println("Catalog: " + (loaded.rules().edits().size() + 1) + " edits (the engine's"
                    + " SYSTEM edit included) written to "
                    + out.resolve(EditCatalogDocument.MARKDOWN_FILE) + " and "
                    + out.resolve(EditCatalogDocument.HTML_FILE));
            return ExitCode.OK.code();
        } catch (IOException e) {
            System.err.println("claimscrub: cannot write the catalog to " + out + ": " + e.getMessage());
            return ExitCode.OUTPUT.code();
        }
    }
}
