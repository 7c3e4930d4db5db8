package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The binary form of claim lines in spill files, written and read back by the same run, so it needs no
 * versioning. Values that repeat across lines (file, code, modifiers, date, NPIs, bill type, place of service,
 * diagnoses, revenue code, payer) are written once into an in-memory dictionary and then by number: spill files
 * stay small, and lines read back share one instance of each value. A dictionary holds at most
 * {@link #MAX_ENTRIES} values, so memory stays bounded; rarer values are written out in full. Spill files hold
 * PHI and live only inside the run's work folder.
 *
 * <p>A line is encoded into a reused buffer and handed to the stream in one write, and a partition is decoded
 * from its whole file in memory: DataOutputStream and DataInputStream go through the synchronized buffered
 * streams a byte at a time, which made spilling cost more than parsing the CSV (JFR).
 *
 * <p>Every line is written before any is read (a regrouper spills, then loads), so the dictionaries are complete
 * and only read while partitions load.
 */
final class SpillCodec {
    static final int MAX_ENTRIES = 1 << 16;

    private final Dictionary<String> files = new Dictionary<>();
    private final Dictionary<String> codes = new Dictionary<>();
    private final Dictionary<Modifiers> modifiers = new Dictionary<>();
    private final Dictionary<LocalDate> dates = new Dictionary<>();
    private final Dictionary<String> npis = new Dictionary<>();
    private final Dictionary<String> shortCodes = new Dictionary<>();
    private final Dictionary<List<String>> diagnoses = new Dictionary<>();
    private final Dictionary<String> payers = new Dictionary<>();
    private final Encoder encoder = new Encoder();

    void writeLine(OutputStream out, ClaimLine line) throws IOException {
        Encoder e = encoder;
        e.size = 0;
        e.number(line.source().fileIndex());
        files.write(e, line.source().file(), Encoder::text);
        e.number(line.source().line());
        e.text(line.source().position());
        e.text(line.claimId());
        e.number(line.lineNumber());
        dates.write(e, line.dateOfService(), (o, d) -> o.number(d.toEpochDay()));
        codes.write(e, line.code(), Encoder::text);
        modifiers.write(e, line.modifiers(), (o, m) -> o.texts(m.values()));
        e.number(line.units());
        e.text(line.patientId());
        npis.write(e, line.billingNpi(), Encoder::text);
        npis.write(e, line.renderingNpi(), Encoder::text);
        e.number(line.claimType().ordinal());
        shortCodes.write(e, line.typeOfBill(), Encoder::text);
        shortCodes.write(e, line.placeOfService(), Encoder::text);
        e.text(line.charge() == null ? "" : line.charge().toPlainString());
        diagnoses.write(e, line.diagnosisCodes(), Encoder::texts);
        shortCodes.write(e, line.revenueCode(), Encoder::text);
        payers.write(e, line.payerId(), Encoder::text);
        e.number(fieldBits(line.unreadableFields()));
        out.write(e.bytes, 0, e.size);
    }

    /** Reads back the lines of one spill file's bytes; the file must hold exactly {@code count} lines. */
    List<ClaimLine> readLines(byte[] bytes, long count) throws EOFException {
        Decoder in = new Decoder(bytes);
        List<ClaimLine> lines = new ArrayList<>((int) count);
        try {
            for (long i = 0; i < count; i++) {
                lines.add(readLine(in));
            }
        } catch (RuntimeException e) {
            // out of bounds: the data ends inside a line; anything else: the data is not what this codec wrote
            throw new EOFException("spill data unreadable at line " + (lines.size() + 1) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (in.position != bytes.length) {
            throw new EOFException("spill data holds more than " + count + " lines");
        }
        return lines;
    }

    private ClaimLine readLine(Decoder in) {
        int fileIndex = (int) in.number();
        SourceRef source = new SourceRef(fileIndex, files.read(in, Decoder::text), in.number(), in.text());
        String claimId = in.text();
        int lineNumber = (int) in.number();
        LocalDate dos = dates.read(in, i -> LocalDate.ofEpochDay(i.number()));
        String code = codes.read(in, Decoder::text);
        Modifiers mods = modifiers.read(in, i -> new Modifiers(i.texts()));
        int units = (int) in.number();
        String patientId = in.text();
        String billingNpi = npis.read(in, Decoder::text);
        String renderingNpi = npis.read(in, Decoder::text);
        ClaimType claimType = ClaimType.values()[(int) in.number()];
        String typeOfBill = shortCodes.read(in, Decoder::text);
        String placeOfService = shortCodes.read(in, Decoder::text);
        String charge = in.text();
        List<String> diagnosisCodes = diagnoses.read(in, i -> List.copyOf(i.texts()));
        String revenueCode = shortCodes.read(in, Decoder::text);
        String payerId = payers.read(in, Decoder::text);
        Set<InputField> unreadable = fields(in.number());
        return new ClaimLine(source, claimId, lineNumber, dos, code, mods, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, placeOfService, charge.isEmpty() ? null : new BigDecimal(charge),
                diagnosisCodes, revenueCode, Visit.of(claimId, patientId, billingNpi, dos), payerId, unreadable);
    }

    /** The unreadable fields as one bit per field: 0 (one byte) on nearly every line. */
    private static long fieldBits(Set<InputField> fields) {
        long bits = 0;
        for (InputField field : fields) {
            bits |= 1L << field.ordinal();
        }
        return bits;
    }

    private static Set<InputField> fields(long bits) {
        if (bits == 0) {
            return Set.of();
        }
        Set<InputField> fields = EnumSet.noneOf(InputField.class);
        for (InputField field : InputField.values()) {
            if ((bits & 1L << field.ordinal()) != 0) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** A growable byte buffer; numbers are zigzag varints, so small ones of either sign take one byte. */
    private static final class Encoder {
        private byte[] bytes = new byte[256];
        private int size;

        void number(long signed) {
            long value = (signed << 1) ^ (signed >> 63);
            room(10);
            while (value >= 0x80) {
                bytes[size++] = (byte) (value | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            number(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void texts(List<String> values) {
            number(values.size());
            for (String value : values) {
                text(value);
            }
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static final class Decoder {
        private final byte[] bytes;
        private int position;

        Decoder(byte[] bytes) {
            this.bytes = bytes;
        }

        long number() {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            return (value >>> 1) ^ -(value & 1);
        }

        String text() {
            int length = (int) number();
            if (position + length > bytes.length) {
                throw new ArrayIndexOutOfBoundsException(position + length);
            }
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        List<String> texts() {
            int size = (int) number();
            List<String> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(text());
            }
            return values;
        }
    }

    private interface Inline<T> {
        void write(Encoder out, T value);
    }

    private interface Parse<T> {
        T read(Decoder in);
    }

    /** Numbered values: 0 means "written in full next", n > 0 means the value numbered n. */
    private static final class Dictionary<T> {
        private final Map<T, Integer> numbers = new HashMap<>();
        private final List<T> values = new ArrayList<>();

        void write(Encoder out, T value, Inline<T> inline) {
            Integer number = numbers.get(value);
            if (number == null && values.size() < MAX_ENTRIES) {
                values.add(value);
                number = values.size();
                numbers.put(value, number);
            }
            if (number == null) {
                out.number(0);
                inline.write(out, value);
            } else {
                out.number(number);
            }
        }

        T read(Decoder in, Parse<T> parse) {
            int number = (int) in.number();
            return number == 0 ? parse.read(in) : values.get(number - 1);
        }
    }
}
