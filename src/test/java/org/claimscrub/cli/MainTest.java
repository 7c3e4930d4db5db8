package org.claimscrub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top-level command line: a run builds only the subcommand it names, and reads as if it had all of them. */
class MainTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void theUsageListsEverySubcommandInOrder() {
        assertEquals(0, Main.run("--help"));
        String usage = console.out();
        int at = usage.indexOf("Commands:");
        assertTrue(at > 0, usage);
        for (String name : List.of("scrub", "rules", "explain", "bench", "bench-ptp", "help")) {
            int next = usage.indexOf("\n  " + name + " ", at);
            assertTrue(next > at, name + " after the previous command in:\n" + usage);
            at = next;
        }
    }

    @Test
    void aSubcommandRunAloneHasTheUsageItHasBesideTheOthers() {
        for (String name : List.of("scrub", "rules", "explain", "bench", "bench-ptp")) {
            assertEquals(0, Main.run(name, "--help"));
            String alone = console.takeOut();
            assertEquals(0, Main.run("help", name));
            assertEquals(alone, console.takeOut(), name);
        }
    }

    @Test
    void aMistypedSubcommandIsAUsageErrorThatSuggestsTheRightOne() {
        assertEquals(ExitCode.USAGE.code(), Main.run("scrb"));
        assertTrue(console.err().contains("Did you mean: claimscrub scrub?"), console.err());
    }
}
