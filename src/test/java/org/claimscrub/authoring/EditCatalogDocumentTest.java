package org.claimscrub.authoring;

import org.claimscrub.engine.RuleBase;
import org.claimscrub.engine.RuleLoader;
import org.claimscrub.reference.ReferenceDataLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class EditCatalogDocumentTest {
    private static final Path RULES = Path.of("rules");
    private static EditCatalogDocument catalog;
    private static int edits;

    @BeforeAll
    static void generate() throws Exception {
        RuleBase rules = new RuleLoader().load(RULES);
        catalog = EditCatalogDocument.of(RULES, rules, new ReferenceDataLoader().load(RULES.resolve("reference")));
        edits = rules.edits().size();
    }

    @Test
    void shippedCatalogIsUpToDate() throws Exception {
        assertCurrent(catalog.markdown(), Path.of("docs", EditCatalogDocument.MARKDOWN_FILE));
        assertCurrent(catalog.html(), Path.of("docs", EditCatalogDocument.HTML_FILE));
    }

    /** Fails with the first line that differs, not the whole document (it is hundreds of kilobytes). */
    private static void assertCurrent(String generated, Path committed) throws Exception {
        String[] want = generated.split("\n", -1);
        String[] have = Files.readString(committed).split("\n", -1);
        for (int i = 0; i < Math.max(want.length, have.length); i++) {
            String w = i < want.length ? want[i] : "(end of file)";
            String h = i < have.length ? have[i] : "(end of file)";
            if (!w.equals(h)) {
                fail(committed + " is out of date: run ./claimscrub rules catalog and commit the result. First"
                        + " difference, line " + (i + 1) + ":\n  committed: " + shorten(h) + "\n  generated: "
                        + shorten(w));
            }
        }
    }

    private static String shorten(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @Test
    void listsEveryEditWithTheSourcesAndDatesOfItsFile() {
        String md = catalog.markdown();
        assertTrue(md.contains("| AOP-0753T | 0753T without 88305 ("), "surgical pathology add-on listed");
        assertTrue(md.contains("## families/surgical-pathology.drl"));
        assertTrue(md.contains("- **Effective:** from 2023-01-01; sunset about 2028-01-01"), "effective dates");
        assertTrue(md.contains("- **Sources:** CPT Category III codes, effective 2023-01-01"), "sources");
        assertEquals(edits + 1, catalog.sections().stream().mapToInt(s -> s.entries().size()).sum(),
                "every edit once, and the engine's SYSTEM edit");
    }

    @Test
    void disabledRuleIsListedWithItsReason(@TempDir Path dir) throws Exception {
        Path rules = TestRulesFolder.with(dir, RuleValidatorTest.HEADER + RuleValidatorTest.addonRule(
                "@editId(\"AOP-9999T\") @category(\"ADDON_WITHOUT_PRIMARY\") @disabled(\"pending payer policy\")",
                "findings.raise(kcontext, $addon, \"primary\", \"88305\");"));
        EditCatalogDocument doc = EditCatalogDocument.of(rules, new RuleLoader().load(rules),
                new ReferenceDataLoader().load(rules.resolve("reference")));
        assertTrue(doc.markdown().contains("| AOP-9999T | 9999T without 88305 (11) | ADDON_WITHOUT_PRIMARY | ERROR"
                + " | disabled: pending payer policy |"), doc.markdown());
        assertTrue(doc.markdown().contains("- **Sources:** none, made up for tests."), doc.markdown());
        assertTrue(doc.html().contains("<tr class=\"disabled\"><td>AOP-9999T</td>"), doc.html());
    }

    @Test
    void listsTheSystemEditAndIndexesEditsByProcedureCodeWithTheirDates() {
        String md = catalog.markdown();
        assertTrue(md.contains("| SYS-RULE-FAILED | engine: rule failure | SYSTEM | ERROR |"), "engine edit listed");
        assertTrue(md.contains("| 0856T | AOP-0856T, AOU-0856T, AOPC-0856T |"), "0856T's edits indexed");
        assertTrue(md.contains("| 88348 | AOP-0856T, AOU-0856T, AOPC-0856T |"), "a primary through primaryOf");
        assertTrue(md.matches("(?s).*\\| AOP-0856T \\| .*\\| 0856T from 2024-01-01 until 2029-01-01 \\|\n.*"),
                "the add-on's dates from reference/codes.csv");
        assertTrue(md.matches("(?s).*every line can get the edits that name no code .*CPR-C.*"), "general edits");
    }

    @Test
    void htmlEscapesRuleText() {
        String html = catalog.html();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("0753T without 88305"));
        assertTrue(!html.contains("\"2023 Digital Pathology Codes\""), "quotes escaped");
    }
}
