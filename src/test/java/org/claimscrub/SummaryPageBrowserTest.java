package org.claimscrub;

import org.claimscrub.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample batch's summary.html as a browser shows it: headless Chromium renders the page, runs its script
 * and dumps the resulting DOM, and the test reads what an analyst would see. CI installs Chromium (.ci/run);
 * elsewhere the test is skipped when no chromium binary exists.
 */
class SummaryPageBrowserTest {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Pattern ROW = Pattern.compile("<tr class=\"([a-z-]+)\"( hidden=\"\")?><td>([^<]+)</td>");

    @TempDir
    static Path out;
    private static String browser;

    @BeforeAll
    static void scrubTheSampleBatch() {
        browser = BROWSERS.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
        Assumptions.assumeTrue(browser != null, "no chromium binary (" + String.join(", ", BROWSERS)
                + "): the browser test runs where Chromium is installed, as .ci/run does");
        assertEquals(1, Main.run("scrub", "--quiet", "--out", out.toString(), "claims-samples/lab-week.csv"));
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + out.resolve("profile")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        return dom;
    }

    private static String page(String hash) throws IOException, InterruptedException {
        return run("--dump-dom", out.resolve("summary.html").toUri() + hash);
    }

    /** The worklist's rows as the browser left them: claim id, and whether the row is hidden. */
    private static List<String> worklist(String dom) {
        String table = dom.substring(dom.indexOf("<table id=\"worklist\""), dom.indexOf("</table>",
                dom.indexOf("<table id=\"worklist\"")));
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            rows.add(m.group(3) + (m.group(2) != null ? " hidden" : ""));
        }
        return rows;
    }

    @Test
    void thePageOpensWithTheAnswerAndTheWorklist() throws Exception {
        String dom = page("");
        assertTrue(dom.contains("data-ready=\"true\""), "the page's script ran");
        assertTrue(dom.contains("<h1 id=\"answer\">11 of 112 claims need fixing before submission, $719.00 at risk;"
                + " 3 need review; 98 ready</h1>"), dom);
        List<String> rows = worklist(dom);
        assertEquals(14, rows.size(), "11 claims to fix, then 3 to review");
        assertEquals("LW25-0067", rows.get(0), "worst first: one error each, then the most dollars at risk");
        assertTrue(dom.contains("<code>AOP-88341</code>: 88341 (Immunohistochemistry"), "a claim's lines and messages");
        assertTrue(dom.contains(">Surgical pathology<"), "families by name");
        assertFalse(dom.contains("PT1"), "no patient id");
    }

    @Test
    void theWorklistFiltersAndSortsInTheBrowser() throws Exception {
        List<String> filtered = worklist(page("#filter=lw25-0092"));
        assertEquals(List.of("LW25-0092"), filtered.stream().filter(r -> !r.endsWith(" hidden")).toList(),
                "only the claim the filter names is shown");
        assertEquals(14, filtered.size(), "the other rows are hidden, not removed");

        String sorted = page("#sort=worklist:0:desc");
        List<String> byClaimDescending = worklist(sorted);
        List<String> expected = new ArrayList<>(byClaimDescending);
        expected.sort(java.util.Comparator.reverseOrder());
        assertEquals(expected, byClaimDescending);
        assertEquals("LW25-0100", byClaimDescending.get(0));
        assertTrue(sorted.contains("<th aria-sort=\"descending\">Claim</th>"), "the sorted column says so");
        List<String> byAtRisk = worklist(page("#sort=worklist:7:asc"));
        assertTrue(byAtRisk.subList(0, 3).containsAll(List.of("LW25-0057", "LW25-0068", "LW25-0092")),
                "the claims with nothing at risk first: " + byAtRisk);
    }

    @Test
    void aScreenshotOfThePageRenders() throws Exception {
        Path png = out.resolve("summary.png");
        run("--screenshot=" + png, "--window-size=1280,2400", "--hide-scrollbars",
                out.resolve("summary.html").toUri().toString());
        assertTrue(Files.size(png) > 20_000, "a rendered page, not a blank one");
        byte[] magic = Files.readAllBytes(png);
        assertEquals((byte) 0x89, magic[0]);
        assertEquals('P', magic[1]);
    }
}
