package org.claimscrub.pipeline;

import org.claimscrub.engine.CompiledRulesCache;
import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.OverridesException;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.claimscrub.reader.ClaimFileReader;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputFormat;
import org.claimscrub.reference.cms.CmsTableLoader;
import org.claimscrub.report.FindingsCsvWriter;
import org.claimscrub.report.FindingsFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces both front ends share: the rules setup, one group's scrub and its findings rows. */
class GroupScrubTest {
    private static final Path RULES = Path.of("rules");
    private static RulesSetup.Rules rules;
    private static Scrubber scrubber;
    private static List<List<ClaimLine>> visits;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        rules = RulesSetup.rules(new RuleLoader(CompiledRulesCache.off()), RULES, null);
        RulesSetup.Tables tables = RulesSetup.tables(RULES, new CmsTableLoader.Request(null, null, null, null));
        scrubber = new Scrubber(rules.ruleBase(), tables.reference(), tables.cms());
        List<ClaimLine> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("claims-samples/lab-week.csv"))) {
            new ClaimFileReader(InputFormat.AUTO, CsvReadOptions.DEFAULT).read(in, "lab-week.csv", 0,
                    ClaimSink.of(lines::add, reject -> { }));
        }
        visits = Scrubber.visits(lines);
    }

    @Test
    void withoutOverridesGivenTheRulesFoldersOverridesFileApplies() {
        assertNotSame(Overrides.NONE, rules.overrides());
    }

    @Test
    void aGivenOverridesFileThatIsMissingIsAnError() {
        assertThrows(OverridesException.class, () -> RulesSetup.rules(new RuleLoader(CompiledRulesCache.off()),
                RULES, tmp.resolve("missing-overrides.csv")));
    }

    @Test
    void reportedFindingsAreThoseTheFilterPutsInTheFindingsFile() {
        GroupScrub.Scrubbed warnings = new GroupScrub(scrubber, Overrides.NONE, FindingsFilter.DEFAULT).scrub(visits);
        FindingsFilter filter = FindingsFilter.DEFAULT;
        assertEquals(warnings.findings().stream().filter(filter::inFindings).toList(), warnings.reported());
        assertTrue(warnings.reported().size() < warnings.findings().size(), "lab-week has notices too");
        GroupScrub.Scrubbed all = new GroupScrub(scrubber, Overrides.NONE, new FindingsFilter(Severity.NOTICE))
                .scrub(visits);
        assertEquals(all.findings().size(), all.reported().size());
    }

    @Test
    void aRowIsHeadSharedAndTailAsTheFindingRunsWriteIt() {
        FindingsCsvWriter csv = new FindingsCsvWriter(true);
        Finding f = new GroupScrub(scrubber, Overrides.NONE, FindingsFilter.DEFAULT).scrub(visits).reported().get(0);
        String row = FindingRows.row(FindingRows.csv(csv), f);
        assertEquals(csv.head(f) + csv.shared(f) + csv.tail(f), row);
        assertTrue(row.endsWith("\n"));
    }
}
