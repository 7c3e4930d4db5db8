package org.claimscrub.spill;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
            Comparator<Head<T>> byItem = (a, b) -> {
                int c = order.compare(a.current, b.current);
                return c != 0 ? c : Integer.compare(a.index, b.index);
            };
            for (R run : runs) {
                Head<T> head = new Head<>(opener.open(run), opened.size());
                opened.add(head);
                head.current = head.cursor.next();
            }
            // a binary heap of the runs not yet ended, smallest item on top; the top run's next item replaces
            // it and sinks to its place: one sift per item, where a priority queue's poll and add take two
            List<Head<T>> heap = new ArrayList<>(opened.stream().filter(h -> h.current != null).toList());
            for (int i = heap.size() / 2 - 1; i >= 0; i--) {
                siftDown(heap, i, byItem);
            }
            while (!heap.isEmpty()) {
                Head<T> top = heap.get(0);
                sink.accept(top.current);
                top.current = top.cursor.next();
                if (top.current == null) {
                    Head<T> last = heap.remove(heap.size() - 1);
                    if (heap.isEmpty()) {
                        break;
                    }
                    heap.set(0, last);
                }
                siftDown(heap, 0, byItem);
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

    private static <H> void siftDown(List<H> heap, int at, Comparator<? super H> order) {
        H item = heap.get(at);
        int size = heap.size();
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && order.compare(heap.get(child + 1), heap.get(child)) < 0) {
                child++;
            }
            if (order.compare(heap.get(child), item) >= 0) {
                break;
            }
            heap.set(at, heap.get(child));
            at = child;
        }
        heap.set(at, item);
    }
}
