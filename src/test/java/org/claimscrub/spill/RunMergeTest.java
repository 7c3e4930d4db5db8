package org.claimscrub.spill;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunMergeTest {
    /** A run of "key/run" items, sorted by key; records its closing. */
    private static final class ListRun implements RunMerge.Cursor<String> {
        private final Iterator<String> items;
        private final List<String> closed;
        private final String name;

        ListRun(String name, List<String> items, List<String> closed) {
            this.name = name;
            this.items = items.iterator();
            this.closed = closed;
        }

        @Override
        public String next() {
            return items.hasNext() ? items.next() : null;
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    private static final Comparator<String> BY_KEY = Comparator.comparing(s -> s.substring(0, s.indexOf('/')));

    @Test
    void everyItemComesOnceInOrderWithTiesInTheOrderOfTheRuns() throws IOException {
        List<String> closed = new ArrayList<>();
        List<List<String>> runs = List.of(List.of("b/1", "d/1"), List.of(), List.of("a/3", "b/3", "e/3"),
                List.of("b/4"));
        List<String> merged = new ArrayList<>();
        RunMerge.merge(runs, run -> new ListRun("run" + runs.indexOf(run), run, closed), BY_KEY, merged::add);
        assertEquals(List.of("a/3", "b/1", "b/3", "b/4", "d/1", "e/3"), merged);
        assertEquals(4, closed.size(), "every run is closed");
    }

    /** Many runs of every length, keys repeating within and across runs: a stable sort of every item is the answer. */
    @Test
    void manyRunsMergeAsAStableSortOfAllTheirItems() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<List<String>> runs = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int r = 0, count = random.nextInt(40); r < count; r++) {
                List<String> run = new ArrayList<>();
                for (int i = 0, length = random.nextInt(30); i < length; i++) {
                    run.add((char) ('a' + random.nextInt(12)) + "/" + r + "." + i);
                }
                run.sort(BY_KEY);
                runs.add(run);
                all.addAll(run);
            }
            all.sort(BY_KEY);
            List<String> merged = new ArrayList<>();
            List<String> closed = new ArrayList<>();
            RunMerge.merge(runs, run -> new ListRun("run", run, closed), BY_KEY, merged::add);
            assertEquals(all, merged, "round " + round);
            assertEquals(runs.size(), closed.size());
        }
    }

    @Test
    void aFailingSinkStillClosesEveryRun() {
        List<String> closed = new ArrayList<>();
        List<List<String>> runs = List.of(List.of("a/1"), List.of("b/2"));
        assertThrows(IOException.class, () -> RunMerge.merge(runs,
                run -> new ListRun(run.get(0), run, closed), BY_KEY, item -> {
                    throw new IOException("disk full");
                }));
        assertEquals(List.of("a/1", "b/2"), closed);
    }
}
