package org.claimscrub.bench;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes claim lines as an X12 837 interchange: professional claims in one 837P transaction (005010X222A1), then
 * institutional ones in one 837I transaction (005010X223A2), each in its own functional group, as billing systems
 * export each claim type as its own transaction set. Institutional claims wait in a temporary file meanwhile, so
 * memory stays bounded. Lines must come claim by claim (a claim's lines one after another). For the bench (an 837 of the synthetic
 * batch) and for tests that scrub the same claims as CSV and as 837; the values are whatever the lines hold, so
 * an 837 of made-up lines is made up too.
 *
 * <p>Each claim gets its own billing provider (HL 20) and subscriber (HL 22) loop; the subscriber's member id
 * is the line's patient id and the payer's id its payer id, so an 837 reader gives back the same visits.
 */
public final class X12Batch implements Closeable {
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
    private static final char SEGMENT = '~';

    private final Writer out;
    private final String lineEnd;
    private final List<ClaimLine> claim = new ArrayList<>(4);
    private final Transaction professional;
    private Transaction institutional;
    private Path institutionalSpool;

    /** One transaction's segments as they are written: its own segment count and HL numbers. */
    private final class Transaction {
        final Writer to;
        int segments;
        int hl;

        Transaction(Writer to) {
            this.to = to;
        }

        void segment(String text) throws IOException {
            segments++;
            to.write(text);
            to.write(SEGMENT);
            to.write(lineEnd);
        }
    }

    /** @param lineBreaks whether segments are followed by a line break, as many systems write them */
    public X12Batch(Writer out, boolean lineBreaks) throws IOException {
        this.out = out;
        this.lineEnd = lineBreaks ? "\n" : "";
        out.write("ISA*00*          *00*          *ZZ*CLAIMSCRUB     *ZZ*RECEIVER       *250310*1200*^*00501*"
                + "000000001*0*T*:" + SEGMENT + lineEnd);
        professional = new Transaction(out);
        header(professional, 1, ClaimType.PROFESSIONAL);
    }

    /** Adds a line; a line of another claim than the last one ends that claim. */
    public void add(ClaimLine line) throws IOException {
        if (!claim.isEmpty() && !claim.get(0).claimId().equals(line.claimId())) {
            writeClaim();
        }
        claim.add(line);
    }

    @Override
    public void close() throws IOException {
        if (!claim.isEmpty()) {
            writeClaim();
        }
        trailer(professional, 1);
        int groups = 1;
        if (institutional != null) {
            institutional.to.close();
            Transaction copy = new Transaction(out);
            header(copy, 2, ClaimType.INSTITUTIONAL);
            try (Reader spooled = Files.newBufferedReader(institutionalSpool, StandardCharsets.UTF_8)) {
                spooled.transferTo(out);
            }
            copy.segments += institutional.segments;
            trailer(copy, 2);
            Files.delete(institutionalSpool);
            groups = 2;
        }
        out.write("IEA*" + groups + "*000000001" + SEGMENT + lineEnd);
        out.flush();
    }

    private void writeClaim() throws IOException {
        ClaimLine first = claim.get(0);
        boolean institutional = first.claimType() == ClaimType.INSTITUTIONAL;
        Transaction t = institutional ? institutionalTransaction() : professional;
        int billing = ++t.hl;
        t.segment("HL*" + billing + "**20*1");
        t.segment("NM1*85*2*BILLING PROVIDER*****XX*" + first.billingNpi());
        t.segment("HL*" + ++t.hl + "*" + billing + "*22*0");
        t.segment("SBR*P*18*******CI");
        t.segment("NM1*IL*1*SUBSCRIBER*MADE UP****MI*" + first.patientId());
        t.segment("NM1*PR*2*PAYER*****PI*" + first.payerId());
        String tob = first.typeOfBill();
        // 0131 is facility code 13 and claim frequency 1: CLM05 13:A:1
        String facility = !institutional ? first.placeOfService() + ":B:1"
                : tob.isEmpty() ? "" : tob.substring(tob.length() - 3, tob.length() - 1) + ":A:" + tob.charAt(tob.length() - 1);
        t.segment("CLM*" + first.claimId() + "*" + total() + "***" + facility + "*Y*A*Y*Y");
        if (!first.diagnosisCodes().isEmpty()) {
            StringBuilder hi = new StringBuilder("HI");
            for (int i = 0; i < first.diagnosisCodes().size(); i++) {
                hi.append(i == 0 ? "*ABK:" : "*ABF:").append(first.diagnosisCodes().get(i).replace(".", ""));
            }
            t.segment(hi.toString());
        }
        String rendering = first.renderingNpi();
        if (!rendering.isEmpty()) {
            t.segment("NM1*82*1*RENDERING*PROVIDER****XX*" + rendering);
        }
        for (ClaimLine line : claim) {
            t.segment("LX*" + line.lineNumber());
            String procedure = "HC:" + line.code() + String.join("", line.modifiers().values().stream()
                    .map(m -> ":" + m).toList());
            String charge = line.charge() == null ? "0" : line.charge().toPlainString();
            if (institutional) {
                t.segment("SV2*" + line.revenueCode() + "*" + procedure + "*" + charge + "*UN*" + line.units());
            } else {
                String pos = line.placeOfService().equals(first.placeOfService()) ? "" : line.placeOfService();
                t.segment("SV1*" + procedure + "*" + charge + "*UN*" + line.units() + "*" + pos + "**1");
            }
            t.segment("DTP*472*D8*" + D8.format(line.dateOfService()));
            if (!line.renderingNpi().equals(rendering) && !line.renderingNpi().isEmpty()) {
                t.segment("NM1*82*1*RENDERING*PROVIDER****XX*" + line.renderingNpi());
            }
        }
        claim.clear();
    }

    private String total() {
        return claim.stream().map(l -> l.charge() == null ? java.math.BigDecimal.ZERO : l.charge())
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString();
    }

    private Transaction institutionalTransaction() throws IOException {
        if (institutional == null) {
            institutionalSpool = Files.createTempFile("claimscrub-837i-", ".part");
            institutional = new Transaction(Files.newBufferedWriter(institutionalSpool, StandardCharsets.UTF_8));
        }
        return institutional;
    }

    private void header(Transaction t, int number, ClaimType type) throws IOException {
        String version = type == ClaimType.INSTITUTIONAL ? "005010X223A2" : "005010X222A1";
        out.write("GS*HC*CLAIMSCRUB*RECEIVER*20250310*1200*" + number + "*X*" + version + SEGMENT + lineEnd);
        t.segment(String.format("ST*837*%04d*%s", number, version));
        t.segment("BHT*0019*00*" + number + "*20250310*1200*CH");
        t.segment("NM1*41*2*CLAIMSCRUB*****46*SUBMITTER");
        t.segment("NM1*40*2*RECEIVER*****46*RECEIVER");
    }

    private void trailer(Transaction t, int number) throws IOException {
        t.segment(String.format("SE*%d*%04d", t.segments + 1, number));
        out.write("GE*1*" + number + SEGMENT + lineEnd);
    }
}
