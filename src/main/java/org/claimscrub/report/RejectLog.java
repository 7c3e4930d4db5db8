package org.claimscrub.report;

import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rejects of a batch in input order, whatever their number: the reader's rejects arrive in input order
 * and go to a spill file past {@link #MEMORY_REJECTS}; the few decided later (repeated line numbers) are
 * merged in by position when read back.
 */
public final class RejectLog implements AutoCloseable {
    static final int MEMORY_REJECTS = 10_000;
    private static final Comparator<Reject> INPUT_ORDER = Comparator.comparing(Reject::source);

    private final Path spillFolder;
    private final List<Reject> inOrder = new ArrayList<>();
    private final List<Reject> late = new ArrayList<>();
    private Path spillFile;
    private DataOutputStream spill;
    private long spilled;

    public RejectLog(Path spillFolder) {
        this.spillFolder = spillFolder;
    }

    /** A reject found while reading, in input order. */
    public void add(Reject reject) throws IOException {
        if (spill == null && inOrder.size() < MEMORY_REJECTS) {
            inOrder.add(reject);
            return;
        }
        if (spill == null) {
            Files.createDirectories(spillFolder);
            spillFile = Files.createTempFile(spillFolder, "rejects-", ".bin");
            spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
        }
        write(spill, reject);
        spilled++;
    }

    /** Rejects decided after reading, in any order; few by nature. */
    public synchronized void addLate(List<Reject> rejects) {
        late.addAll(rejects);
    }

    public long size() {
        return inOrder.size() + spilled + late.size();
    }

    /** Every reject in input order. */
    public Iterable<Reject> all() throws IOException {
        if (spill != null) {
            spill.flush();
        }
        late.sort(INPUT_ORDER);
        return () -> new Iterator<>() {
            private final Iterator<Reject> early = inOrder.iterator();
            private final Iterator<Reject> fromSpill = spillIterator();
            private final Iterator<Reject> lateOnes = late.iterator();
            private Reject nextRead = advanceRead();
            private Reject nextLate = lateOnes.hasNext() ? lateOnes.next() : null;

            private Reject advanceRead() {
                if (early.hasNext()) {
                    return early.next();
                }
                return fromSpill.hasNext() ? fromSpill.next() : null;
            }

            @Override
            public boolean hasNext() {
                return nextRead != null || nextLate != null;
            }

            @Override
            public Reject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Reject out;
                if (nextLate == null || nextRead != null && INPUT_ORDER.compare(nextRead, nextLate) <= 0) {
                    out = nextRead;
                    nextRead = advanceRead();
                } else {
                    out = nextLate;
                    nextLate = lateOnes.hasNext() ? lateOnes.next() : null;
                }
                return out;
            }
        };
    }

    private Iterator<Reject> spillIterator() {
        if (spillFile == null) {
            return List.<Reject>of().iterator();
        }
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spillFile), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back spill file " + spillFile, e);
        }
        return new Iterator<>() {
            private long read;

            @Override
            public boolean hasNext() {
                if (read < spilled) {
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
            public Reject next() {
                read++;
                try {
                    return new Reject(new SourceRef(in.readInt(), in.readUTF(), in.readLong(), in.readUTF()), in.readUTF(),
                            in.readUTF(), in.readUTF(), readText(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read back spill file " + spillFile, e);
                }
            }
        };
    }

    private static void write(DataOutputStream out, Reject r) throws IOException {
        out.writeInt(r.source().fileIndex());
        out.writeUTF(r.source().file());
        out.writeLong(r.source().line());
        out.writeUTF(r.source().position());
        out.writeUTF(r.claimId());
        out.writeUTF(r.field());
        out.writeUTF(r.reason());
        byte[] raw = r.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(raw.length);
        out.write(raw);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (spill != null) {
            spill.close();
            Files.deleteIfExists(spillFile);
        }
    }
}
