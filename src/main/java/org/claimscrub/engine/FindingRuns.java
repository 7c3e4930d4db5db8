package org.claimscrub.engine;

import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Findings as sorted runs, one per partition, read back as one stream in report order by a k-way merge.
 * Runs are kept in memory, or spilled to files when the batch itself spilled, so findings never all sit in
 * memory at once. Partitions never share a line, so the merge is deterministic whatever order runs arrive in.
 */
public final class FindingRuns implements AutoCloseable {
    private final Path spillFolder;
    private final Map<String, EditDefinition> editsById = new HashMap<>();
    private final TreeMap<Integer, Run> runs = new TreeMap<>();

    /**
     * @param spillFolder where to spill runs, or null to keep them in memory
     * @param edits       every edit a finding may carry (the engine's own SYSTEM edit is added)
     */
    public FindingRuns(Path spillFolder, Collection<EditDefinition> edits) {
        this.spillFolder = spillFolder;
        edits.forEach(e -> editsById.put(e.editId(), e));
        editsById.put(Scrubber.RULE_FAILED.editId(), Scrubber.RULE_FAILED);
    }

    /** Adds the findings of one partition; sorts them into report order. */
    public void add(int partition, List<Finding> findings) throws IOException {
        findings.sort(Scrubber.REPORT_ORDER);
        Run run;
        if (spillFolder == null) {
            run = new Run(findings, null, findings.size());
        } else {
            Files.createDirectories(spillFolder);
            Path file = Files.createTempFile(spillFolder, "findings-" + partition + "-", ".bin");
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                for (Finding f : findings) {
                    SpillCodec.writeFinding(out, f);
                }
            }
            run = new Run(null, file, findings.size());
        }
        synchronized (runs) {
            if (runs.put(partition, run) != null) {
                throw new IllegalStateException("partition " + partition + " added twice");
            }
        }
    }

    /** Every finding in report order. Opens each spilled run once; close the iterator's runs via close(). */
    public Iterable<Finding> merged() {
        return () -> {
            List<Iterator<Finding>> sources = new ArrayList<>();
            for (Run run : runs.values()) {
                sources.add(run.iterator(editsById));
            }
            return new Merge(sources);
        };
    }

    @Override
    public void close() throws IOException {
        for (Run run : runs.values()) {
            if (run.file != null) {
                Files.deleteIfExists(run.file);
            }
        }
    }

    private record Run(List<Finding> findings, Path file, int size) {

        Iterator<Finding> iterator(Map<String, EditDefinition> editsById) {
            if (findings != null) {
                return findings.iterator();
            }
            DataInputStream in;
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back spill file " + file, e);
            }
            return new Iterator<>() {
                private int read;

                @Override
                public boolean hasNext() {
                    if (read < size) {
                        return true;
                    }
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return false;
                }

                @Override
                public Finding next() {
                    if (read >= size) {
                        throw new NoSuchElementException();
                    }
                    read++;
                    try {
                        return SpillCodec.readFinding(in, editsById);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read back spill file " + file, e);
                    }
                }
            };
        }
    }

    /** k-way merge of sorted iterators; on a tie the earlier source wins, which keeps the merge stable. */
    private static final class Merge implements Iterator<Finding> {
        private record Head(Finding finding, int source) {
        }

        private final List<Iterator<Finding>> sources;
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int c = Scrubber.REPORT_ORDER.compare(a.finding, b.finding);
            return c != 0 ? c : Integer.compare(a.source, b.source);
        });

        Merge(List<Iterator<Finding>> sources) {
            this.sources = sources;
            for (int i = 0; i < sources.size(); i++) {
                advance(i);
            }
        }

        private void advance(int source) {
            Iterator<Finding> it = sources.get(source);
            if (it.hasNext()) {
                heads.add(new Head(it.next(), source));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Finding next() {
            Head head = heads.poll();
            if (head == null) {
                throw new NoSuchElementException();
            }
            advance(head.source);
            return head.finding;
        }
    }
}
