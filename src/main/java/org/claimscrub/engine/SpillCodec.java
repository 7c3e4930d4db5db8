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
import java.util.List;
import java.util.Map;

/**
 * The binary form of claim lines in spill files: written and read back by the same run, so it
 * needs no versioning. Spill files hold PHI and live only inside the run's spill folder.
 */
final class SpillCodec {
    private SpillCodec() {
    }

    static void writeLine(DataOutput out, ClaimLine line) throws IOException {
        out.writeInt(line.source().fileIndex());
        out.writeLong(line.source().line());
        out.writeUTF(line.claimId());
        out.writeInt(line.lineNumber());
        out.writeLong(line.dateOfService().toEpochDay());
        out.writeUTF(line.code());
        writeList(out, line.modifiers().values());
        out.writeInt(line.units());
        out.writeUTF(line.patientId());
        out.writeUTF(line.billingNpi());
        out.writeUTF(line.renderingNpi());
        out.writeByte(line.claimType().ordinal());
        out.writeUTF(line.typeOfBill());
        out.writeUTF(line.placeOfService());
        out.writeUTF(line.charge() == null ? "" : line.charge().toPlainString());
        writeList(out, line.diagnosisCodes());
        out.writeUTF(line.revenueCode());
    }

    /** @param fileNames input file names by file index (the name is not repeated on every line) */
    static ClaimLine readLine(DataInput in, Map<Integer, String> fileNames) throws IOException {
        int fileIndex = in.readInt();
        SourceRef source = new SourceRef(fileIndex, fileNames.get(fileIndex), in.readLong());
        String claimId = in.readUTF();
        int lineNumber = in.readInt();
        LocalDate dos = LocalDate.ofEpochDay(in.readLong());
        String code = in.readUTF();
        Modifiers modifiers = new Modifiers(readList(in));
        int units = in.readInt();
        String patientId = in.readUTF();
        String billingNpi = in.readUTF();
        String renderingNpi = in.readUTF();
        ClaimType claimType = ClaimType.values()[in.readByte()];
        String typeOfBill = in.readUTF();
        String placeOfService = in.readUTF();
        String charge = in.readUTF();
        List<String> diagnoses = readList(in);
        String revenueCode = in.readUTF();
        return new ClaimLine(source, claimId, lineNumber, dos, code, modifiers, units, patientId, billingNpi,
                renderingNpi, claimType, typeOfBill, placeOfService, charge.isEmpty() ? null : new BigDecimal(charge),
                diagnoses, revenueCode, Visit.of(claimId, patientId, billingNpi, dos));
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
}
