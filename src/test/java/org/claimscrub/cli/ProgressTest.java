package org.claimscrub.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void withoutATerminalProgressIsALogLineWithLinesPercentRateAndEta() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(captured, true, StandardCharsets.UTF_8), false, true)) {
            progress.phase("scrubbing", 1_000);
            progress.advance(250);
            progress.lines(250);
            progress.report();
        }
        String line = captured.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("claimscrub: scrubbing 250 lines,  25%, [\\d,]+ lines/s, ETA \\d+:\\d\\d:\\d\\d\\R"),
                line);
    }

    @Test
    void onATerminalProgressIsABarRedrawnInPlaceAndClearedAtTheEnd() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(captured, true, StandardCharsets.UTF_8), true, true)) {
            progress.phase("reading ", 100);
            progress.advance(50);
            progress.report();
        }
        String drawn = captured.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\r[###############               ] reading  0 lines,  50%"), drawn);
        assertTrue(drawn.endsWith("\r"), "the bar is wiped when the run ends");
    }

    @Test
    void quietPrintsNothingOnItsOwn() throws InterruptedException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(captured, true, StandardCharsets.UTF_8), true, true)) {
            progress.phase("reading ", 100);
            progress.advance(50);
            Thread.sleep(1_200);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
