package org.claimscrub.report;

import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.spill.SpillFolder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * merged in by position when read back. Spilled text is written as UTF-8 with an int length, so a cell of
 * any size spills (the reader bounds what a reject holds), and the spill file is encrypted by the work folder.
 */
public final class RejectLog implements AutoCloseable {
    static final int MEMORY_REJECTS = 10_000;
    private static final Comparator<Reject> INPUT_ORDER = Comparator.comparing(Reject::source);

    private final SpillFolder spillFolder;
    private final List<Reject> inOrder = new ArrayList<>();
    private final List<Reject> late = new ArrayList<>();
    private Path spillFile;
    private DataOutputStream spill;
    private long spilled;

    public RejectLog(SpillFolder spillFolder) {
        this.spillFolder = spillFolder;
    }

    /** A reject found while reading, in input order. */
    public void add(Reject reject) throws IOException {
        if (spill == null && inOrder.size() < MEMORY_REJECTS) {
            inOrder.add(reject);
            return;
        }
        if (spill == null) {
            spillFile = spillFolder.newFile("rejects-");
            spill = new DataOutputStream(spillFolder.output(spillFile));
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
            in = new DataInputStream(spillFolder.input(spillFile));
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
                    return new Reject(new SourceRef(in.readInt(), readText(in), in.readLong(), readText(in)),
                            readText(in), readText(in), readText(in), readText(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read back spill file " + spillFile, e);
                }
            }
        };
    }

    private static void write(DataOutputStream out, Reject r) throws IOException {
        out.writeInt(r.source().fileIndex());
        writeText(out, r.source().file());
        out.writeLong(r.source().line());
        writeText(out, r.source().position());
        writeText(out, r.claimId());
        writeText(out, r.field());
        writeText(out, r.reason());
        writeText(out, r.raw());
    }

    /** Not writeUTF: that refuses text over 65,535 bytes (a long cell in a reason or claim id). */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("spill file damaged: negative text length");
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new IOException("spill file damaged: it ends inside a text");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (spill != null) {
            spill.close();
            Files.deleteIfExists(spillFile);
        }
    }
}
