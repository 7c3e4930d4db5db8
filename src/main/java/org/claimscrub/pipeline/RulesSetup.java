package org.claimscrub.pipeline;

import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleCompilationException;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.ReferenceDataException;
import org.claimscrub.reference.ReferenceDataLoader;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a scrub runs with, loaded the same way by every front end: the rule base and its overrides (compiled,
 * which takes seconds, so the CLI does it on its own thread while it reads), and the reference tables with the
 * CMS tables over them.
 */
public final class RulesSetup {
    private RulesSetup() {
    }

    /** The compiled rules with the overrides that apply to their findings. */
    public record Rules(RuleBase ruleBase, Overrides overrides) {
    }

    /** The rules folder's reference tables with the CMS tables the user gave applied over them. */
    public record Tables(ReferenceData reference, CmsTables cms) {
    }

    /** @param overridesFile --overrides, or null for the rules folder's overrides.csv when present */
    public static Rules rules(RuleLoader loader, Path rulesFolder, Path overridesFile)
            throws RuleCompilationException, OverridesException, IOException {
        RuleBase ruleBase = loader.load(rulesFolder);
        return new Rules(ruleBase, OverridesFile.load(overridesFile, rulesFolder, ruleBase));
    }

    public static Tables tables(Path rulesFolder, CmsTableLoader.Request cmsFiles) throws ReferenceDataException {
        CmsTables cms = new CmsTableLoader().load(cmsFiles);
        return new Tables(cms.applyTo(new ReferenceDataLoader().load(rulesFolder.resolve("reference"))), cms);
    }
}
