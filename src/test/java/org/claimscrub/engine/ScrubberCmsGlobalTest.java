package org.claimscrub.engine;

import org.claimscrub.model.Finding;
import org.claimscrub.reference.ReferenceData;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.reference.cms.CmsTables;
import org.claimscrub.reference.cms.CmsTestLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A rules folder that never declares the {@code cms} global still runs when tables are loaded. */
class ScrubberCmsGlobalTest {

    @TempDir
    Path rules;

    @Test
    void rulesWithoutTheCmsGlobalRunWithTablesLoaded() throws Exception {
        Files.writeString(rules.resolve("only.drl"), """
                package org.claimscrub.rules;
                import org.claimscrub.engine.FindingCollector;
                import org.claimscrub.engine.ServiceLine;
                import org.claimscrub.reference.ReferenceData;
                global FindingCollector findings;
                global ReferenceData reference;
                rule "Any 88305 line"
                    @editId("T-1") @category("DOCUMENTATION")
                when
                    $line : ServiceLine( code == "88305" )
                then
                    findings.raise(kcontext, $line, "reason", "test");
                end
                """);
        CmsTables cms = new CmsTableLoader().load(new CmsTableLoader.Request(List.of(CmsTestLines.fixture(
                "MCR_MUE_PractitionerServices_Eff_01-01-2025.csv").toString()), null, null, null));
        List<Finding> findings = new Scrubber(new RuleLoader().load(rules), new ReferenceData(Map.of()), cms)
                .scrub(List.of(new CmsTestLines().line("C1", "2025-02-03", "88305", 9)));
        assertEquals(List.of("T-1"), findings.stream().map(f -> f.edit().editId()).toList());
    }
}
