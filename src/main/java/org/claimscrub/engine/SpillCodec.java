package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of claim lines in spill files, written and read back by the same run, so it needs no
 * versioning. Values that repeat across lines (file, code, modifiers, date, NPIs, bill type, place of service,
 * diagnoses, revenue code) are written once into an in-memory dictionary and then by number: spill files stay
 * small, and lines read back share one instance of each value. A dictionary holds at most
 * {@link #MAX_ENTRIES} values, so memory stays bounded; rarer values are written out in full. Spill files hold
 * PHI and live only inside the run's work folder.
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

    void writeLine(DataOutput out, ClaimLine line) throws IOException {
        out.writeInt(line.source().fileIndex());
        files.write(out, line.source().file(), DataOutput::writeUTF);
        out.writeLong(line.source().line());
        out.writeUTF(line.claimId());
        out.writeInt(line.lineNumber());
        dates.write(out, line.dateOfService(), (o, d) -> o.writeLong(d.toEpochDay()));
        codes.write(out, line.code(), DataOutput::writeUTF);
        modifiers.write(out, line.modifiers(), (o, m) -> writeList(o, m.values()));
        out.writeInt(line.units());
        out.writeUTF(line.patientId());
        npis.write(out, line.billingNpi(), DataOutput::writeUTF);
        npis.write(out, line.renderingNpi(), DataOutput::writeUTF);
        out.writeByte(line.claimType().ordinal());
        shortCodes.write(out, line.typeOfBill(), DataOutput::writeUTF);
        shortCodes.write(out, line.placeOfService(), DataOutput::writeUTF);
        out.writeUTF(line.charge() == null ? "" : line.charge().toPlainString());
        diagnoses.write(out, line.diagnosisCodes(), SpillCodec::writeList);
        shortCodes.write(out, line.revenueCode(), DataOutput::writeUTF);
    }

    ClaimLine readLine(DataInput in) throws IOException {
        int fileIndex = in.readInt();
        SourceRef source = new SourceRef(fileIndex, files.read(in, DataInput::readUTF), in.readLong());
        String claimId = in.readUTF();
        int lineNumber = in.readInt();
        LocalDate dos = dates.read(in, i -> LocalDate.ofEpochDay(i.readLong()));
        String code = codes.read(in, DataInput::readUTF);
        Modifiers mods = modifiers.read(in, i -> new Modifiers(readList(i)));
        int units = in.readInt();
        String patientId = in.readUTF();
        String billingNpi = npis.read(in, DataInput::readUTF);
        String renderingNpi = npis.read(in, DataInput::readUTF);
        ClaimType claimType = ClaimType.values()[in.readByte()];
        String typeOfBill = shortCodes.read(in, DataInput::readUTF);
        String placeOfService = shortCodes.read(in, DataInput::readUTF);
        String charge = in.readUTF();
        List<String> diagnosisCodes = diagnoses.read(in, i -> List.copyOf(readList(i)));
        String revenueCode = shortCodes.read(in, DataInput::readUTF);
        return new ClaimLine(source, claimId, lineNumber, dos, code, mods, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, placeOfService, charge.isEmpty() ? null : new BigDecimal(charge),
                diagnosisCodes, revenueCode, Visit.of(claimId, patientId, billingNpi, dos));
    }

    private static void writeList(DataOutput out, List<String> values) throws IOException {
        out.writeByte(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readList(DataInput in) throws IOException {
        int size = in.readByte();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    private interface Inline<T> {
        void write(DataOutput out, T value) throws IOException;
    }

    private interface Parse<T> {
        T read(DataInput in) throws IOException;
    }

    /** Numbered values: 0 means "written in full next", n > 0 means the value numbered n. */
    private static final class Dictionary<T> {
        private final Map<T, Integer> numbers = new HashMap<>();
        private final List<T> values = new ArrayList<>();

        void write(DataOutput out, T value, Inline<T> inline) throws IOException {
            Integer number = numbers.get(value);
            if (number == null && values.size() < MAX_ENTRIES) {
                values.add(value);
                number = values.size();
                numbers.put(value, number);
            }
            if (number == null) {
                out.writeInt(0);
                inline.write(out, value);
            } else {
                out.writeInt(number);
            }
        }

        T read(DataInput in, Parse<T> parse) throws IOException {
            int number = in.readInt();
            return number == 0 ? parse.read(in) : values.get(number - 1);
        }
    }
}
