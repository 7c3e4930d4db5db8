package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
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
 * The binary form of claim lines and findings in spill files: written and read back by the same run, so it
 * needs no versioning. Spill files hold PHI and live only inside the run's spill folder.
 */
final class SpillCodec {
    private SpillCodec() {
    }

    static void writeLine(DataOutput out, ClaimLine line) throws IOException {
        out.writeInt(line.source().fileIndex());
        out.writeUTF(line.source().file());
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

    static ClaimLine readLine(DataInput in) throws IOException {
        SourceRef source = new SourceRef(in.readInt(), in.readUTF(), in.readLong());
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

    static void writeFinding(DataOutput out, Finding finding) throws IOException {
        writeLine(out, finding.line());
        out.writeUTF(finding.edit().editId());
        writeLongText(out, finding.message());
    }

    static Finding readFinding(DataInput in, Map<String, EditDefinition> editsById) throws IOException {
        ClaimLine line = readLine(in);
        EditDefinition edit = editsById.get(in.readUTF());
        return new Finding(line, edit, readLongText(in));
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

    /** writeUTF stops at 64 KB; a message filled with long values could pass that. */
    private static void writeLongText(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLongText(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
