package org.claimscrub.spill;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of sorted runs, held in memory or spilled: every item once, in order, ties in the order of the
 * runs (so a merge is stable, and its output the same however the batch was split).
 */
public final class RunMerge {
    private RunMerge() {
    }

    /** One sorted run, read item by item. */
    public interface Cursor<T> extends Closeable {
        /** The run's next item, or null at its end. */
        T next() throws IOException;
    }

    /** Opens a run for reading. */
    public interface Opener<R, T> {
        Cursor<T> open(R run) throws IOException;
    }

    /** Takes the merged items in order. */
    public interface Sink<T> {
        void accept(T item) throws IOException;
    }

    /** A run's cursor and its current item, one per run for the whole merge (no object per item). */
    private static final class Head<T> {
        final Cursor<T> cursor;
        final int index;
        T current;

        Head(Cursor<T> cursor, int index) {
            this.cursor = cursor;
            this.index = index;
        }
    }

    /** Merges {@code runs}, each sorted by {@code order}, into {@code sink}; every run is closed at the end. */
    public static <R, T> void merge(List<R> runs, Opener<R, T> opener, Comparator<? super T> order, Sink<T> sink)
            throws IOException {
        List<Head<T>> opened = new ArrayList<>(runs.size());
        try {
            PriorityQueue<Head<T>> heads = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> {
                int c = order.compare(a.current, b.current);
                return c != 0 ? c : Integer.compare(a.index, b.index);
            });
            for (R run : runs) {
                Head<T> head = new Head<>(opener.open(run), opened.size());
                opened.add(head);
                head.current = head.cursor.next();
                if (head.current != null) {
                    heads.add(head);
                }
            }
            Head<T> head;
            while ((head = heads.poll()) != null) {
                sink.accept(head.current);
                head.current = head.cursor.next();
                if (head.current != null) {
                    heads.add(head);
                }
            }
        } finally {
            IOException failed = null;
            for (Head<T> head : opened) {
                try {
                    head.cursor.close();
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }
}
