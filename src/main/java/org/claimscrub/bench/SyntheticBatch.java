package org.claimscrub.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A made-up batch shaped like a lab's day: claims of one to four lines, written claim by claim as billing
 * systems do, so one patient's claims sit far apart and must be regrouped. Most add-ons come with their
 * primary; a few lack it, bill more units, or carry modifiers the fee schedule forbids. All values are
 * synthetic (fixed seed, so every run writes the same file).
 */
public final class SyntheticBatch {
    static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,patient_id,"
            + "billing_npi,rendering_npi,claim_type,type_of_bill,place_of_service,charge,diagnosis_codes,revenue_code";
    private static final List<String> DIAGNOSES = List.of("C44.311", "C50.911", "K63.5", "R92.8", "D48.5", "C61");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 10);

    private SyntheticBatch() {
    }

    /**
     * Writes about {@code lines} lines (whole claims, so up to three more) to the file.
     *
     * @param primaryOf add-on to primary, as the rules pair them ({@code DrlRules.primaries(rulesFolder)}), so
     *                  the batch follows a change of primary without a Java edit
     */
    public static long write(Path file, long lines, Map<String, String> primaryOf) throws IOException {
        List<String> addons = primaryOf.keySet().stream().sorted().toList();
        SplittableRandom random = new SplittableRandom(20250310L);
        long patients = Math.max(10, lines / 6);
        long written = 0;
        StringBuilder row = new StringBuilder(200);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (long claim = 1; written < lines; claim++) {
                String claimId = "SYN" + claim;
                String patient = "PT" + (1 + random.nextLong(patients));
                String billing = npi(190_000_000 + random.nextInt(20));
                String rendering = npi(199_900_000 + random.nextInt(200));
                LocalDate dos = FIRST_DAY.plusDays(random.nextInt(7));
                boolean institutional = random.nextInt(5) == 0;
                String diagnosis = DIAGNOSES.get(random.nextInt(DIAGNOSES.size()));
                int pairs = 1 + random.nextInt(2);
                int lineNo = 0;
                for (int p = 0; p < pairs; p++) {
                    String addon = addons.get(random.nextInt(addons.size()));
                    String primary = primaryOf.get(addon);
                    int units = 1 + random.nextInt(3);
                    int roll = random.nextInt(100);
                    if (roll >= 5) {
                        String modifier = roll < 15 ? "26" : roll < 18 ? "TC" : roll < 20 ? "59" : "";
                        line(row, claimId, ++lineNo, dos, primary, modifier, units, patient, billing, rendering,
                                institutional, diagnosis, 12_500);
                        out.append(row);
                        written++;
                    }
                    if (roll < 80) {
                        int addonUnits = roll >= 75 ? units + 1 : units;
                        String modifier = roll % 40 == 1 ? "51" : "";
                        line(row, claimId, ++lineNo, dos, addon, modifier, addonUnits, patient, billing, rendering,
                                institutional, diagnosis, 3_600);
                        out.append(row);
                        written++;
                    }
                }
            }
        }
        return written;
    }

    /** A made-up NPI: nine digits and the Luhn check digit CMS defines (over the prefix 80840). */
    static String npi(int nineDigits) {
        String base = Integer.toString(nineDigits);
        int sum = 24;
        for (int i = 0; i < 9; i++) {
            int digit = base.charAt(i) - '0';
            if ((8 - i) % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return base + (10 - sum % 10) % 10;
    }

    private static void line(StringBuilder row, String claimId, int lineNo, LocalDate dos, String code,
                             String modifier, int units, String patient, String billing, String rendering,
                             boolean institutional, String diagnosis, int chargeCents) {
        row.setLength(0);
        row.append(claimId).append(',').append(lineNo).append(',').append(dos).append(',').append(code).append(',')
                .append(modifier).append(',').append(units).append(',').append(patient).append(',').append(billing)
                .append(',').append(rendering).append(',').append(institutional ? "institutional" : "professional")
                .append(',').append(institutional ? "0131" : "").append(',').append(institutional ? "" : "81")
                .append(',').append(chargeCents * units / 100).append(".00,").append(diagnosis).append(',')
                .append(institutional ? "0310" : "").append('\n');
    }
}
