package org.claimscrub.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke test of the bench command on a tiny batch; real figures come from running it by hand. */
class BenchCommandTest {

    @Test
    void benchPrintsRatesAndPeakHeapForBothPipelines() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("bench", "--lines", "2000", "--rules", "rules");
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK.code(), exit, printed);
        assertTrue(printed.matches("(?s).*Cold start: full scrub [\\d,]+ lines/s end to end.*"), printed);
        assertTrue(printed.matches("(?s).*Full scrub: [\\d,]+ lines/s end to end.*peak heap [\\d,]+ MB.*"), printed);
        assertTrue(printed.matches("(?s).*Plain Java: [\\d,]+ lines/s.*peak heap [\\d,]+ MB.*"), printed);
        assertTrue(printed.contains("Ratio:"), printed);
    }
}
