package org.claimscrub.engine;

import org.claimscrub.model.EditDefinition;
import org.kie.api.KieBase;

import java.nio.file.Path;
import java.util.List;

/**
 * Compiled rules ready to scrub: the KieBase (shared by all sessions and threads) and the edit each rule
 * declares.
 *
 * @param files    the DRL files it was built from, in load order
 * @param warnings what the compiler warned about (errors stop the load)
 * @param origin   compiled by this run, or loaded from the compiled-rules cache
 */
public record RuleBase(KieBase kieBase, EditCatalog catalog, List<Path> files, List<RuleProblem> warnings,
                       Origin origin) {

    public enum Origin { COMPILED, CACHE }

    public List<EditDefinition> edits() {
        return catalog.edits();
    }
}
