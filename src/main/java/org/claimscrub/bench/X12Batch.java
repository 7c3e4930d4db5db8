package org.claimscrub.bench;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes claim lines as an X12 837 interchange: 837P (005010X222A1) for professional claims, 837I (005010X223A2)
 * for institutional ones, a new GS/ST envelope whenever the claim type changes. Lines must come claim by claim
 * (a claim's lines one after another), as billing systems export them. For the bench (an 837 of the synthetic
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
    private ClaimType openType;
    private int group;
    private int transaction;
    private int segments;
    private int hl;

    /** @param lineBreaks whether segments are followed by a line break, as many systems write them */
    public X12Batch(Writer out, boolean lineBreaks) throws IOException {
        this.out = out;
        this.lineEnd = lineBreaks ? "\n" : "";
        out.write("ISA*00*          *00*          *ZZ*CLAIMSCRUB     *ZZ*RECEIVER       *250310*1200*^*00501*"
                + "000000001*0*T*:" + SEGMENT + lineEnd);
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
        closeTransaction();
        out.write("IEA*" + (group == 0 ? 0 : group) + "*000000001" + SEGMENT + lineEnd);
        out.flush();
    }

    private void writeClaim() throws IOException {
        ClaimLine first = claim.get(0);
        boolean institutional = first.claimType() == ClaimType.INSTITUTIONAL;
        if (openType != first.claimType()) {
            closeTransaction();
            openTransaction(first.claimType());
        }
        int billing = ++hl;
        segment("HL*" + billing + "**20*1");
        segment("NM1*85*2*BILLING PROVIDER*****XX*" + first.billingNpi());
        segment("HL*" + ++hl + "*" + billing + "*22*0");
        segment("SBR*P*18*******CI");
        segment("NM1*IL*1*SUBSCRIBER*MADE UP****MI*" + first.patientId());
        segment("NM1*PR*2*PAYER*****PI*" + first.payerId());
        String tob = first.typeOfBill();
        // 0131 is facility code 13 and claim frequency 1: CLM05 13:A:1
        String facility = !institutional ? first.placeOfService() + ":B:1"
                : tob.isEmpty() ? "" : tob.substring(tob.length() - 3, tob.length() - 1) + ":A:" + tob.charAt(tob.length() - 1);
        segment("CLM*" + first.claimId() + "*" + total() + "***" + facility + "*Y*A*Y*Y");
        if (!first.diagnosisCodes().isEmpty()) {
            StringBuilder hi = new StringBuilder("HI");
            for (int i = 0; i < first.diagnosisCodes().size(); i++) {
                hi.append(i == 0 ? "*ABK:" : "*ABF:").append(first.diagnosisCodes().get(i).replace(".", ""));
            }
            segment(hi.toString());
        }
        String rendering = first.renderingNpi();
        if (!rendering.isEmpty()) {
            segment("NM1*82*1*RENDERING*PROVIDER****XX*" + rendering);
        }
        for (ClaimLine line : claim) {
            segment("LX*" + line.lineNumber());
            String procedure = "HC:" + line.code() + String.join("", line.modifiers().values().stream()
                    .map(m -> ":" + m).toList());
            String charge = line.charge() == null ? "0" : line.charge().toPlainString();
            if (institutional) {
                segment("SV2*" + line.revenueCode() + "*" + procedure + "*" + charge + "*UN*" + line.units());
            } else {
                String pos = line.placeOfService().equals(first.placeOfService()) ? "" : line.placeOfService();
                segment("SV1*" + procedure + "*" + charge + "*UN*" + line.units() + "*" + pos + "**1");
            }
            segment("DTP*472*D8*" + D8.format(line.dateOfService()));
            if (!line.renderingNpi().equals(rendering) && !line.renderingNpi().isEmpty()) {
                segment("NM1*82*1*RENDERING*PROVIDER****XX*" + line.renderingNpi());
            }
        }
        claim.clear();
    }

    private String total() {
        return claim.stream().map(l -> l.charge() == null ? java.math.BigDecimal.ZERO : l.charge())
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString();
    }

    private void openTransaction(ClaimType type) throws IOException {
        String version = type == ClaimType.INSTITUTIONAL ? "005010X223A2" : "005010X222A1";
        group++;
        out.write("GS*HC*CLAIMSCRUB*RECEIVER*20250310*1200*" + group + "*X*" + version + SEGMENT + lineEnd);
        transaction++;
        segments = 0;
        hl = 0;
        segment(String.format("ST*837*%04d*%s", transaction, version));
        segment("BHT*0019*00*" + transaction + "*20250310*1200*CH");
        segment("NM1*41*2*CLAIMSCRUB BENCH*****46*SUBMITTER");
        segment("NM1*40*2*RECEIVER*****46*RECEIVER");
        openType = type;
    }

    private void closeTransaction() throws IOException {
        if (openType == null) {
            return;
        }
        segment(String.format("SE*%d*%04d", segments + 1, transaction));
        out.write("GE*1*" + group + SEGMENT + lineEnd);
        openType = null;
    }

    private void segment(String text) throws IOException {
        segments++;
        out.write(text);
        out.write(SEGMENT);
        out.write(lineEnd);
    }
}
