package org.claimscrub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Helpers for the batch tests: the shipped samples and rules, and made-up inputs written on the fly. */
final class BatchFixtures {
    static final Path SAMPLES = Path.of("claims-samples");
    static final Path RULES = Path.of("rules");
    static final String HEADER = "claim_id,line_number,date_of_service,procedure_code,modifiers,units,patient_id,"
            + "billing_npi,rendering_npi,claim_type,type_of_bill,place_of_service,charge,diagnosis_codes,revenue_code";

    private BatchFixtures() {
    }

    static int scrub(String... args) {
        List<String> all = new ArrayList<>(List.of("scrub", "--quiet", "--rules", RULES.toString()));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A copy of the shipped rules folder that a test may change. */
    static Path copyOfRules(Path into) throws IOException {
        try (Stream<Path> paths = Files.walk(RULES)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = into.resolve(RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return into;
    }

    /** A made-up professional line: claim, line number, code, units, patient; fixed date and NPIs. */
    static String line(String claim, int number, String code, int units, String patient) {
        return claim + "," + number + ",2025-03-11," + code + ",," + units + "," + patient
                + ",1900000013,1999000114,professional,,81,100.00,D12.5,";
    }
}
