package org.claimscrub.reader;

import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import org.claimscrub.concurrent.Handoff;
import org.claimscrub.reader.X12Segment.X12Delimiters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads claim lines from X12 837 files, professional (005010X222A1) and institutional (005010X223A2/A3), with
 * StAEDI's streaming reader: segment by segment, never the whole file in memory. Any separators the ISA
 * declares, several ISA/GS/ST envelopes per file, with or without line breaks between segments.
 *
 * <p>StAEDI splits the bytes into segments on the calling thread; a second thread assembles claims from them
 * ({@link X12Claims}), checks every value with the same {@link Fields} validators as the CSV reader and hands
 * lines and rejects to the sink, in input order, as the CSV reader does. A claim that cannot be read goes to the
 * rejects whole; an envelope that cannot be read (no ISA, an interchange or transaction left open, a transaction
 * that is not an 837) stops the read with an {@link InputException} naming the file and segment.
 * See docs/x12.md for the element mapping.
 */
public final class X12ClaimReader {
    /** StAEDI logs through java.util.logging (schema notices); held here so the setting is not collected. */
    private static final Logger STAEDI_LOG = Logger.getLogger("io.xlate");
    private static final int BATCH = 4_096;

    static {
        STAEDI_LOG.setLevel(Level.SEVERE);
    }

    private final DuplicateLineNumbers duplicates;
    private final X12Claims.Validators validators = new X12Claims.Validators();
    /** Service line segments (SV1/SV2) split so far over every file, counted on the reading thread. */
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

    /** Reads one file; returns the number of lines read (accepted plus rejected). */
    public long read(Path file, int fileIndex, ClaimSink sink) throws InputException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, fileIndex, sink);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": file not found");
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** Reads one file's bytes under the given name; returns the number of lines read. */
    public long read(InputStream bytes, String name, int fileIndex, ClaimSink sink) throws InputException {
        X12Claims claims = new X12Claims(name, fileIndex, sink, validators, duplicates);
        try (Handoff<List<X12Segment>> assembler = new Handoff<>("claimscrub-x12", batch -> {
            if (batch == END) {
                claims.finish();
            }
            for (X12Segment segment : batch) {
                claims.segment(segment);
            }
        })) {
            Batch batch = new Batch();
            segments(bytes, name, segment -> {
                if (segment.tag().equals("SV1") || segment.tag().equals("SV2")) {
                    recordsRead = recordsRead + 1;
                }
                batch.segments.add(segment);
                if (batch.segments.size() == BATCH) {
                    assembler.submit(batch.segments);
                    batch.segments = new ArrayList<>(BATCH);
                }
            });
            assembler.submit(batch.segments);
            assembler.submit(END);
            assembler.finish();
            return claims.linesRead();
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** The last batch of a file: the claim still open is complete. */
    private static final List<X12Segment> END = List.of();

    private static final class Batch {
        List<X12Segment> segments = new ArrayList<>(BATCH);
    }

    /** Receives each segment in file order. */
    @FunctionalInterface
    private interface SegmentConsumer {
        void accept(X12Segment segment) throws IOException;
    }

    /**
     * Splits the bytes into segments with StAEDI and checks the envelopes. StAEDI's control-count checks (SE01,
     * GE01, IEA01) and control-number matches are not held against a file: many real files miscount, and the
     * segments themselves are all there.
     */
    private static void segments(InputStream bytes, String name, SegmentConsumer consumer)
            throws InputException, IOException {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        X12Segment.Builder builder = new X12Segment.Builder();
        long ordinal = 0;
        boolean inInterchange = false;
        String transactionControl = "";
        try (EDIStreamReader reader = factory.createEDIStreamReader(new BufferedInputStream(bytes, 1 << 16))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> {
                        inInterchange = true;
                        Map<String, Character> d = reader.getDelimiters();
                        builder.delimiters(new X12Delimiters(d.get(Delimiters.SEGMENT), d.get(Delimiters.DATA_ELEMENT),
                                d.get(Delimiters.COMPONENT_ELEMENT)));
                    }
                    case END_INTERCHANGE -> inInterchange = false;
                    case START_SEGMENT -> builder.start(reader.getText(), ++ordinal,
                            reader.getLocation().getLineNumber());
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        if (at.getElementOccurrence() <= 1) {
                            builder.set(at.getElementPosition(), at.getComponentPosition(), reader.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        X12Segment segment = builder.build();
                        if (segment.tag().equals("ST")) {
                            transactionControl = segment.element(2);
                            if (!segment.element(1).equals("837")) {
                                throw new InputException(name + " " + where(segment) + ": transaction set '"
                                        + segment.element(1) + "' is not an 837 health care claim");
                            }
                        }
                        consumer.accept(segment);
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        EDIStreamValidationError error = reader.getErrorType();
                        if (error != EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT
                                && error != EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH) {
                            throw new InputException(name + " " + where(reader.getLocation(), ordinal)
                                    + ": envelope error " + describe(event, error, reader)
                                    + (transactionControl.isEmpty() ? "" : " (in ST " + transactionControl + ")"));
                        }
                    }
                    default -> {
                        // groups, transactions and composites show in the segments themselves
                    }
                }
            }
            if (inInterchange) {
                throw new InputException(name + after(ordinal) + ": the interchange is never closed"
                        + " (no IEA segment)");
            }
            if (ordinal == 0) {
                throw new InputException(name + ": no X12 segments (an 837 starts with an ISA segment)");
            }
        } catch (EDIStreamException e) {
            throw new InputException(name + after(ordinal) + ": not a readable X12 interchange: "
                    + withoutClaimData(e.getMessage()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // StAEDI's own state checks on input it cannot follow (e.g. a second ISA inside a segment)
            throw new InputException(name + after(ordinal) + ": not a readable X12 interchange ("
                    + withoutClaimData(e.getMessage()) + ")");
        }
    }

    /**
     * StAEDI's message without the input text it may append ("; input: '...'"), which could be claim data: what
     * is left names the state, the offset and the delimiters.
     */
    static String withoutClaimData(String message) {
        if (message == null) {
            return "";
        }
        int input = message.indexOf("; input:");
        return input < 0 ? message : message.substring(0, input);
    }

    /** Where StAEDI stopped: in the first ISA (nothing read yet), or after the last segment it read. */
    private static String after(long ordinal) {
        return ordinal == 0 ? " in its first ISA segment" : " after segment " + ordinal;
    }

    private static String describe(EDIStreamEvent event, EDIStreamValidationError error, EDIStreamReader reader) {
        String what = error.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        if (event == EDIStreamEvent.SEGMENT_ERROR) {
            // the text of a segment error is the tag at fault, never data
            return what + " (" + reader.getText() + ")";
        }
        return what;
    }

    /** "segment 37 (line 37)", or "segment 37" in a file without line breaks. */
    static String where(X12Segment segment) {
        return segment.tag() + " at segment " + segment.ordinal() + (segment.line() > 1 ? " (line "
                + segment.line() + ")" : "");
    }

    private static String where(Location at, long ordinal) {
        String tag = at.getSegmentTag() == null ? "" : at.getSegmentTag() + " ";
        int element = at.getElementPosition();
        return tag + (element > 0 ? String.format("element %02d ", element) : "") + "at segment " + ordinal
                + (at.getLineNumber() > 1 ? " (line " + at.getLineNumber() + ")" : "");
    }
}
