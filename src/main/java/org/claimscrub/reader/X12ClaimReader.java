package org.claimscrub.reader;

import org.claimscrub.concurrent.Handoff;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads claim lines from X12 837 files, professional (005010X222A1) and institutional (005010X223A2/A3), as a
 * stream of segments, never the whole file in memory. Any separators the ISA declares, several ISA/GS/ST
 * envelopes per file, with or without line breaks between segments.
 *
 * <p>{@link X12Tokenizer} splits the bytes into segments on the calling thread, where the envelopes are checked
 * and claims are assembled from them ({@link X12Claims}); a second thread checks every value of each claim with
 * the same {@link Fields} validators as the CSV reader and hands lines and rejects to the sink, in input order, as the CSV reader does. A claim that cannot be read goes to the
 * rejects whole; an envelope that cannot be read (no ISA, an interchange or transaction left open, a transaction
 * that is not an 837) stops the read with an {@link InputException} naming the file and segment.
 * See docs/x12.md for the element mapping.
 */
public final class X12ClaimReader implements ClaimInput {
    /** Claims per hand-off between the threads. */
    private static final int BATCH = 1_024;

    private final DuplicateLineNumbers duplicates;
    private final X12Claims.Validators validators = new X12Claims.Validators();
    /**
     * Service line segments (SV1/SV2) split so far over every file, counted on the reading thread and published at
     * each hand-off (a volatile write per segment costs more than the count): never behind the lines the sink has.
     */
    private volatile long recordsRead;

    /** A reader that rejects a repeated claim line number anywhere in the batch (memory grows with the batch). */
    public X12ClaimReader() {
        this(new DuplicateLineNumbers());
    }

    private X12ClaimReader(DuplicateLineNumbers duplicates) {
        this.duplicates = duplicates;
    }

    /** A reader that leaves repeated line numbers to the caller, as {@link CsvClaimReader#withoutDuplicateCheck}. */
    public static X12ClaimReader withoutDuplicateCheck() {
        return new X12ClaimReader(null);
    }

    /** Service line segments split so far, for estimating a batch's size from the bytes read. */
    public long recordsRead() {
        return recordsRead;
    }

    /** Reads one file's bytes under the given name; returns the number of lines read. */
    @Override
    public long read(InputStream bytes, String name, int fileIndex, ClaimSink sink) throws InputException {
        Batch batch = new Batch();
        try (Handoff<List<X12Claims.Claim>> checker = new Handoff<>("claimscrub-x12", claims -> {
            for (X12Claims.Claim claim : claims) {
                batch.claims.emit(claim);
            }
        })) {
            batch.claims = new X12Claims(name, fileIndex, sink, validators, duplicates, claim -> {
                batch.pending.add(claim);
                if (batch.pending.size() == BATCH) {
                    handOff(checker, batch);
                }
            });
            segments(bytes, name, segment -> {
                if (segment.kind().serviceLine()) {
                    batch.services++;
                }
                batch.claims.segment(segment);
            });
            batch.claims.finish();
            handOff(checker, batch);
            checker.finish();
            return batch.claims.linesRead();
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** Hands the pending claims to the checking thread, publishing the service lines split so far. */
    private void handOff(Handoff<List<X12Claims.Claim>> checker, Batch batch) throws IOException {
        recordsRead = recordsRead + batch.services;
        batch.services = 0;
        checker.submit(batch.pending);
        batch.pending = new ArrayList<>(BATCH);
    }

    /** The claims assembled and not yet handed to the checking thread, and the service lines not yet published. */
    private static final class Batch {
        X12Claims claims;
        List<X12Claims.Claim> pending = new ArrayList<>(BATCH);
        long services;
    }

    /** Receives each segment in file order. */
    @FunctionalInterface
    private interface SegmentConsumer {
        void accept(X12Segment segment) throws IOException;
    }

    /** Where a segment may stand: outside any interchange, in one, in a functional group, in a transaction. */
    private enum Envelope { NONE, INTERCHANGE, GROUP, TRANSACTION }

    /**
     * Splits the bytes into segments ({@link X12Tokenizer}) and checks the envelopes: ISA/IEA around GS/GE
     * around ST/SE, each closed before the next opens, nothing outside a transaction but the envelope segments
     * (and TA1 acknowledgments in an interchange). Control counts (SE01, GE01, IEA01) and control-number matches
     * are not held against a file: many real files miscount, and the segments themselves are all there.
     */
    private static void segments(InputStream bytes, String name, SegmentConsumer consumer)
            throws InputException, IOException {
        X12Tokenizer tokenizer = new X12Tokenizer(bytes, X12Claims::reads);
        Envelope at = Envelope.NONE;
        String transactionControl = "";
        try {
            X12Segment segment;
            while ((segment = tokenizer.next()) != null) {
                Envelope expected = switch (segment.kind()) {
                    case ISA -> Envelope.NONE;
                    case GS, IEA, TA1 -> Envelope.INTERCHANGE;
                    case ST, GE -> Envelope.GROUP;
                    default -> Envelope.TRANSACTION;
                };
                if (at != expected) {
                    throw new InputException(name + " " + where(segment) + ": envelope error "
                            + envelopeError(segment.tag(), at)
                            + (at == Envelope.TRANSACTION ? " (in ST " + transactionControl + ")" : ""));
                }
                switch (segment.kind()) {
                    case ISA -> at = Envelope.INTERCHANGE;
                    case GS -> at = Envelope.GROUP;
                    case ST -> {
                        at = Envelope.TRANSACTION;
                        transactionControl = segment.element(2);
                        if (!segment.element(1).equals("837")) {
                            throw new InputException(name + " " + where(segment) + ": transaction set '"
                                    + segment.element(1) + "' is not an 837 health care claim");
                        }
                    }
                    case SE -> at = Envelope.GROUP;
                    case GE -> at = Envelope.INTERCHANGE;
                    case IEA -> at = Envelope.NONE;
                    default -> {
                        // a segment of the transaction
                    }
                }
                consumer.accept(segment);
            }
        } catch (X12Tokenizer.X12SyntaxException e) {
            throw new InputException(name + after(tokenizer.ordinal()) + ": not a readable X12 interchange: "
                    + e.getMessage());
        }
        if (tokenizer.ordinal() == 0) {
            throw new InputException(name + ": no X12 segments (an 837 starts with an ISA segment)");
        }
        if (at != Envelope.NONE) {
            throw new InputException(name + after(tokenizer.ordinal()) + ": the interchange is never closed"
                    + " (no IEA segment" + (at == Envelope.TRANSACTION ? "; ST " + transactionControl
                    + " has no SE" : "") + ")");
        }
    }

    /** What is wrong with a segment standing where it does. */
    private static String envelopeError(String tag, Envelope at) {
        return switch (at) {
            case TRANSACTION -> "mandatory segment missing (SE) before " + tag;
            case GROUP -> tag.equals("IEA") || tag.equals("ISA") ? "mandatory segment missing (GE) before " + tag
                    : "segment " + tag + " outside a transaction (no ST before it)";
            case INTERCHANGE -> tag.equals("ISA") ? "mandatory segment missing (IEA) before ISA"
                    : "segment " + tag + " outside a functional group (no GS before it)";
            case NONE -> "segment " + tag + " outside an interchange (no ISA before it)";
        };
    }

    /** Where reading stopped: in the first ISA (nothing read yet), or after the last segment read. */
    private static String after(long ordinal) {
        return ordinal == 0 ? " in its first ISA segment" : " after segment " + ordinal;
    }

    /** "segment 37 (line 37)", or "segment 37" in a file without line breaks. */
    static String where(X12Segment segment) {
        return where(new StringBuilder(32), segment).toString();
    }

    /** Appends {@link #where(X12Segment)}. */
    static StringBuilder where(StringBuilder to, X12Segment segment) {
        to.append(segment.tag()).append(" at segment ").append(segment.ordinal());
        if (segment.line() > 1) {
            to.append(" (line ").append(segment.line()).append(')');
        }
        return to;
    }
}
