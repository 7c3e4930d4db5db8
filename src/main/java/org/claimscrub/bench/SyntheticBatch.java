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
    /** Add-on to primary pairs as the shipped family rules pair them; shared with the plain-Java pipeline. */
    static final Map<String, String> PRIMARY_OF = Map.ofEntries(
            Map.entry("0751T", "88302"), Map.entry("0752T", "88304"), Map.entry("0753T", "88305"),
            Map.entry("0754T", "88307"), Map.entry("0755T", "88309"), Map.entry("0756T", "88312"),
            Map.entry("0757T", "88313"), Map.entry("0758T", "88314"), Map.entry("0759T", "88319"),
            Map.entry("0760T", "88342"), Map.entry("0761T", "88341"), Map.entry("0762T", "88344"),
            Map.entry("0763T", "88360"), Map.entry("0827T", "88104"), Map.entry("0828T", "88106"),
            Map.entry("0829T", "88108"), Map.entry("0830T", "88112"), Map.entry("0831T", "88141"),
            Map.entry("0832T", "88160"), Map.entry("0833T", "88161"), Map.entry("0834T", "88162"),
            Map.entry("0835T", "88172"), Map.entry("0836T", "88177"), Map.entry("0837T", "88173"),
            Map.entry("0838T", "88321"), Map.entry("0839T", "88323"), Map.entry("0840T", "88325"),
            Map.entry("0841T", "88331"), Map.entry("0842T", "88332"), Map.entry("0843T", "88333"),
            Map.entry("0844T", "88334"), Map.entry("0845T", "88346"), Map.entry("0846T", "88350"),
            Map.entry("0847T", "88363"), Map.entry("0848T", "88365"), Map.entry("0849T", "88364"),
            Map.entry("0850T", "88366"), Map.entry("0851T", "88368"), Map.entry("0852T", "88369"),
            Map.entry("0853T", "88377"), Map.entry("0854T", "85060"), Map.entry("0855T", "85097"),
            Map.entry("0856T", "88348"));
    static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,patient_id,"
            + "billing_npi,rendering_npi,claim_type,type_of_bill,place_of_service,charge,diagnosis_codes,revenue_code";
    private static final List<String> ADDONS = PRIMARY_OF.keySet().stream().sorted().toList();
    private static final List<String> DIAGNOSES = List.of("C44.311", "C50.911", "K63.5", "R92.8", "D48.5", "C61");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 10);

    private SyntheticBatch() {
    }

    /** Writes about {@code lines} lines (whole claims, so up to three more) to the file. */
    public static long write(Path file, long lines) throws IOException {
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
                    String addon = ADDONS.get(random.nextInt(ADDONS.size()));
                    String primary = PRIMARY_OF.get(addon);
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
