package org.claimscrub.reader;

import org.claimscrub.cli.Main;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real-format 837 in ../shared/real-data/x12 (written by three other open-source X12 projects; see its
 * SOURCES.md) is read: as many lines as the file has SV1/SV2 segments, counted here by a plain split on the
 * separators its ISA declares, each accepted line at the segment it came from, each reject naming a segment
 * element. Skipped where the folder is absent.
 */
class X12RealFilesTest {
    private static final Path FOLDER = Path.of("../shared/real-data/x12");
    private static final Pattern CODE = Pattern.compile("[0-9]{5}|[0-9]{4}[FTU]|[A-Z][0-9]{4}");
    private static final Pattern ELEMENT_FIELD = Pattern.compile("[A-Z][A-Z0-9]{1,2}(\\*[A-Z0-9]{2,3})?-[0-9]{2}");

    private static List<Path> files;

    @BeforeAll
    static void findFiles() throws IOException {
        assumeTrue(Files.isDirectory(FOLDER), "no real 837 files at " + FOLDER.toAbsolutePath() + ": skipped");
        try (Stream<Path> all = Files.list(FOLDER)) {
            files = all.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no files in " + FOLDER);
    }

    /** The file's segments by a plain split: separators from the first ISA (fixed width), whitespace trimmed. */
    private static List<String[]> split(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        char element = text.charAt(3);
        char segment = text.charAt(105);
        List<String[]> segments = new ArrayList<>();
        for (String s : text.split(Pattern.quote(String.valueOf(segment)))) {
            if (!s.isBlank()) {
                segments.add(s.strip().split(Pattern.quote(String.valueOf(element)), -1));
            }
        }
        return segments;
    }

    private static char component(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1).strip().charAt(104);
    }

    private static boolean service(String[] segment) {
        return segment[0].equals("SV1") || segment[0].equals("SV2");
    }

    @Test
    void everyServiceLineOfEveryFileIsReadAndPointsBackToItsSegment() throws IOException {
        long scrubbed = 0;
        for (Path file : files) {
            List<String[]> segments = split(file);
            String component = Pattern.quote(String.valueOf(component(file)));
            long expected = segments.stream().filter(X12RealFilesTest::service).count();
            List<ClaimLine> lines = new ArrayList<>();
            List<Reject> rejects = new ArrayList<>();
            long read;
            try {
                read = new X12ClaimReader().read(file, 0, ClaimSink.of(lines::add, rejects::add));
            } catch (InputException e) {
                fail(file + " could not be read: " + e.getMessage());
                return;
            }
            assertEquals(expected, read, file + ": lines read against SV1/SV2 segments");
            assertEquals(read, (long) lines.size() + rejects.size(), file.toString());
            scrubbed += lines.size();
            Set<String> subscriberData = subscriberData(segments);
            for (ClaimLine line : lines) {
                String[] sv = segments.get((int) line.source().line() - 1);
                assertTrue(service(sv), file + " " + line.source() + " is not a service line segment");
                String composite = sv[sv[0].equals("SV1") ? 1 : 2];
                assertEquals(composite.split(component)[1], line.code(), file + " " + line.source());
            }
            for (Reject reject : rejects) {
                String[] sv = segments.get((int) reject.source().line() - 1);
                assertTrue(service(sv), file + " " + reject.describe());
                assertTrue(reject.raw().startsWith(sv[0]), "raw is the service line segment: " + reject.raw());
                assertTrue(ELEMENT_FIELD.matcher(reject.field()).matches(), "field names segment and element: "
                        + reject.describe());
                for (String phi : subscriberData) {
                    assertFalse(reject.reason().contains(phi) || reject.raw().contains(phi), file + ": " + phi);
                }
            }
            for (int i = 0; i < segments.size(); i++) {
                String[] sv = segments.get(i);
                if (!service(sv)) {
                    continue;
                }
                String[] procedure = sv[sv[0].equals("SV1") ? 1 : 2].split(component);
                long ordinal = i + 1;
                Reject reject = rejects.stream().filter(r -> r.source().line() == ordinal).findFirst().orElse(null);
                if (procedure.length > 1 && !CODE.matcher(procedure[1]).matches()) {
                    String element = sv[0] + (sv[0].equals("SV1") ? "-01" : "-02");
                    assertTrue(reject != null && (reject.field() + " " + reject.reason()).contains(element)
                                    && reject.reason().contains("not a CPT or HCPCS code"),
                            file + " segment " + ordinal + ": a malformed code is a reject naming " + element);
                } else if (reject != null && procedure.length > 1) {
                    // a valid code is scrubbed unless another value of its claim cannot be read, which is named
                    assertTrue(reject.field().matches("[A-Z0-9*]+-[0-9]{2}.*"), file + " "
                            + reject.describe());
                }
            }
        }
        assertTrue(scrubbed > 0, "no line of the real files was scrubbed");
    }

    /** Names, ids, addresses and birth dates of subscribers and patients, as they stand in the file. */
    private static Set<String> subscriberData(List<String[]> segments) {
        Set<String> data = new HashSet<>();
        boolean person = false;
        for (String[] s : segments) {
            if (s[0].equals("NM1")) {
                person = s.length > 1 && (s[1].equals("IL") || s[1].equals("QC"));
                if (person) {
                    for (int i = 3; i < s.length; i++) {
                        if (s[i].length() > 3 && i != 8) {
                            data.add(s[i]);
                        }
                    }
                }
            } else if (person && (s[0].equals("N3") || s[0].equals("DMG")) && s.length > 2) {
                data.add(s[s[0].equals("DMG") ? 2 : 1]);
            }
        }
        return data;
    }

    @Test
    void knownFilesGiveTheirLines() throws InputException {
        List<ClaimLine> lines = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        new X12ClaimReader().read(FOLDER.resolve("lfh-demo.example1.837"), 0, ClaimSink.of(lines::add, rejects::add));
        assertEquals(List.of("99213", "87070", "99214", "86663"), lines.stream().map(ClaimLine::code).toList());
        assertEquals(List.of(), rejects);

        lines.clear();
        new X12ClaimReader().read(FOLDER.resolve("imsweb-x12_bad_valid_code.txt"), 0,
                ClaimSink.of(lines::add, rejects::add));
        assertEquals(List.of("99211"), lines.stream().map(ClaimLine::code).toList());
        assertEquals(1, rejects.size());
        assertEquals("SV1-01", rejects.get(0).field());
        assertTrue(rejects.get(0).reason().contains("'478331'"), rejects.get(0).reason());
    }

    @Test
    void allRealFilesScrubAsOneBatchWithCountsThatReconcile(@TempDir Path out) throws IOException {
        long expected = 0;
        for (Path file : files) {
            expected += split(file).stream().filter(X12RealFilesTest::service).count();
        }
        List<String> args = new ArrayList<>(List.of("scrub", "--quiet", "--rules", "rules", "--out", out.toString()));
        files.forEach(f -> args.add(f.toString()));
        int exit = Main.run(args.toArray(String[]::new));
        assertEquals(1, exit, "done with rejected lines");
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("Lines:    " + String.format("%,d", expected) + " read = "), summary);
        String rejects = Files.readString(out.resolve("rejects.csv"));
        assertTrue(rejects.contains(",SV1-01,\"'478331' is not a CPT or HCPCS code"), "a malformed code is a reject");
    }
}
