package org.claimscrub.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTextTest {
    @Test
    void lineBreaksAndControlCharactersAreShownNotObeyed() {
        assertEquals("A\\nLines:    1 read\\r\\t", ConsoleText.of("A\nLines:    1 read\r\t"));
        assertEquals("\\x1b[2J\\x9b31m\\x00\\x7f", ConsoleText.of("\u001b[2J\u009b31m\u0000\u007f"));
        assertEquals("a\\u2028b\\u202ec", ConsoleText.of("a\u2028b\u202ec"), "line separator, bidi override");
        assertEquals("C:\\\\x", ConsoleText.of("C:\\x"), "a backslash in the input cannot fake an escape");
        assertEquals("CAFÉ 🙂", ConsoleText.of("CAFÉ 🙂"), "printable text stays as it is");
    }

    @Test
    void longTextIsCutSayingHowMuchWasLeftOut() {
        String cut = ConsoleText.of("x".repeat(10_000_000));
        assertTrue(cut.length() < 400, cut.length() + " characters");
        assertTrue(cut.endsWith("... (" + (10_000_000 - ConsoleText.MAX_CHARS) + " more characters)"), cut);
        assertEquals("x".repeat(ConsoleText.MAX_CHARS), ConsoleText.of("x".repeat(ConsoleText.MAX_CHARS)));
    }
}
