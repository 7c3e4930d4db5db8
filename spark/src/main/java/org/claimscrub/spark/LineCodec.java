package org.claimscrub.spark;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.Reject;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Claim lines (with the raw text a reject would show) and rejects as self-contained bytes, for Spark's shuffles
 * between machines. The core's spill codec shares a dictionary within one run's JVM, so it cannot serve here;
 * the model records are not Serializable, on purpose (nothing PHI-bearing is written by accident).
 */
final class LineCodec {
    private LineCodec() {
    }

    /** A line as read, with the raw text the reader gave for it. */
    record Read(ClaimLine line, String raw) {
    }

    static byte[] line(ClaimLine line, String raw) {
        return write(out -> {
            source(out, line.source());
            out.writeUTF(line.claimId());
            out.writeInt(line.lineNumber());
            out.writeLong(line.dateOfService().toEpochDay());
            out.writeUTF(line.code());
            texts(out, line.modifiers().values());
            out.writeInt(line.units());
            text(out, line.patientId());
            text(out, line.billingNpi());
            text(out, line.renderingNpi());
            out.writeInt(line.claimType().ordinal());
            text(out, line.typeOfBill());
            text(out, line.placeOfService());
            text(out, line.charge() == null ? null : line.charge().toPlainString());
            texts(out, line.diagnosisCodes());
            text(out, line.revenueCode());
            out.writeUTF(line.payerId());
            long bits = 0;
            for (InputField field : line.unreadableFields()) {
                bits |= 1L << field.ordinal();
            }
            out.writeLong(bits);
            longText(out, raw);
        });
    }

    static Read line(byte[] bytes) {
        return read(bytes, in -> {
            SourceRef source = source(in);
            String claimId = in.readUTF();
            int lineNumber = in.readInt();
            LocalDate dos = LocalDate.ofEpochDay(in.readLong());
            String code = in.readUTF();
            Modifiers modifiers = new Modifiers(texts(in));
            int units = in.readInt();
            String patientId = text(in);
            String billingNpi = text(in);
            String renderingNpi = text(in);
            ClaimType claimType = ClaimType.values()[in.readInt()];
            String typeOfBill = text(in);
            String placeOfService = text(in);
            String charge = text(in);
            List<String> diagnoses = texts(in);
            String revenueCode = text(in);
            String payerId = in.readUTF();
            long bits = in.readLong();
            Set<InputField> unreadable = EnumSet.noneOf(InputField.class);
            for (InputField field : InputField.values()) {
                if ((bits & 1L << field.ordinal()) != 0) {
                    unreadable.add(field);
                }
            }
            ClaimLine line = new ClaimLine(source, claimId, lineNumber, dos, code, modifiers, units, patientId,
                    billingNpi, renderingNpi, claimType, typeOfBill, placeOfService,
                    charge == null ? null : new BigDecimal(charge), diagnoses, revenueCode,
                    Visit.of(claimId, patientId, billingNpi, dos), payerId, unreadable);
            return new Read(line, longText(in));
        });
    }

    static byte[] reject(Reject reject) {
        return write(out -> {
            source(out, reject.source());
            text(out, reject.claimId());
            text(out, reject.field());
            longText(out, reject.reason());
            longText(out, reject.raw());
        });
    }

    static Reject reject(byte[] bytes) {
        return read(bytes, in -> new Reject(source(in), text(in), text(in), longText(in), longText(in)));
    }

    /** Where a line sorts in the batch: by file, then by line in the file (as the CLI's finding runs). */
    static long position(SourceRef source) {
        return ((long) source.fileIndex() << 40) | source.line();
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private interface Reading<T> {
        T from(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reading<T> reading) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reading.from(in);
        } catch (IOException e) {
            throw new UncheckedIOException("a shuffled claim record is unreadable", e);
        }
    }

    private static void source(DataOutputStream out, SourceRef source) throws IOException {
        out.writeInt(source.fileIndex());
        out.writeUTF(source.file());
        out.writeLong(source.line());
        text(out, source.position());
    }

    private static SourceRef source(DataInputStream in) throws IOException {
        return new SourceRef(in.readInt(), in.readUTF(), in.readLong(), text(in));
    }

    /** A short text that may be null. */
    private static void text(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A text of any length (writeUTF stops at 64 KB): a raw input line may be longer. */
    private static void longText(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String longText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void texts(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static List<String> texts(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
