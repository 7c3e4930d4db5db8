package org.claimscrub.reference.cms;

import org.claimscrub.model.CodeForm;
import org.claimscrub.model.ReferenceFile;
import org.claimscrub.reference.CodeReference;
import org.claimscrub.reference.GlobalDays;
import org.claimscrub.reference.StatusCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real CMS file in ../shared/real-data/cms/ (CMS publications committed to public repositories, see its
 * SOURCES.md) loads through the readers and the loader a scrub uses. Skipped where the folder is absent; the
 * files are read in place and never copied into the project.
 */
public class RealCmsFilesTest {
    public static final Path REAL = Path.of("..", "shared", "real-data", "cms");

    private static List<Path> pfsFiles;

    /** Skips the calling test with a message when the real files are not on this machine. */
    public static void assumeRealFiles() {
        assumeTrue(Files.isDirectory(REAL), "real CMS files not present at " + REAL.toAbsolutePath()
                + ": skipped");
    }

    /** The real files whose name starts with the prefix, sorted. */
    public static List<Path> real(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(REAL)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** Every real table file, as a scrub given each with its option would load them. */
    public static CmsTables everyRealTable() throws Exception {
        return new CmsTableLoader().load(new CmsTableLoader.Request(
                real("MCR_MUE_").stream().map(Path::toString).toList(),
                real("ccipra-").stream().map(Path::toString).toList(), null,
                real("PPRRVU").stream().map(Path::toString).toList()));
    }

    @BeforeAll
    static void list() throws IOException {
        if (Files.isDirectory(REAL)) {
            pfsFiles = real("PPRRVU");
        }
    }

    @Test
    void everyRealPfsFileLoadsToItsLastCode() throws Exception {
        assumeRealFiles();
        assertEquals(7, pfsFiles.size(), pfsFiles::toString);
        for (Path file : pfsFiles) {
            PfsReader.Result result = new PfsReader().read(file);
            boolean excerpt = file.getFileName().toString().startsWith("PPRRVU2026");
            assertTrue(result.dataRows() > (excerpt ? 60 : 18_000), file + ": " + result.dataRows() + " rows");
            for (String code : result.rows().keySet()) {
                assertNotNull(CodeForm.of(code), file + ": " + code);
            }
            CodeReference anesthesia = result.rows().get("00100");
            assertEquals(StatusCode.ANESTHESIA, anesthesia.status(), file::toString);
            if (!excerpt) {
                assertEquals(GlobalDays.ADD_ON, result.rows().get("88341").globalDays(), file::toString);
                assertEquals(GlobalDays.NOT_APPLICABLE, result.rows().get("88305").globalDays(), file::toString);
                assertNotNull(result.rows().get("99499"), file + " read to its last codes");
            }
        }
    }

    @Test
    void theSpreadsheetResaveIsNormalisedAndSaysSo() throws Exception {
        assumeRealFiles();
        PfsReader.Result resaved = new PfsReader().read(REAL.resolve("PPRRVU25_JAN1.csv"));
        assertEquals(List.of("276 HCPCS codes zero-padded to 5 digits (e.g. 100 -> 00100)",
                "5,472 GLOB DAYS values zero-padded to 3 digits (e.g. 0 -> 000)"), resaved.notes());
        PfsReader.Result published = new PfsReader().read(REAL.resolve("PPRRVU24_JUL.csv"));
        assertEquals(List.of(), published.notes());
        // the re-save and the release before it agree on what the edits read, code for code where both list it
        CodeReference jan = resaved.rows().get("10060");
        CodeReference jul = published.rows().get("10060");
        assertEquals(GlobalDays.DAYS_10, jan.globalDays());
        assertEquals(jul, jan);
        assertEquals(published.rows().get("00100"), resaved.rows().get("00100"));
    }

    @Test
    void allRealPfsFilesLoadTogetherAsVersionsByDate() throws Exception {
        assumeRealFiles();
        CmsTables tables = new CmsTableLoader().load(new CmsTableLoader.Request(null, null, null,
                pfsFiles.stream().map(Path::toString).toList()));
        List<ReferenceFile> files = tables.files();
        assertEquals(List.of(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 10, 1), LocalDate.of(2024, 4, 1),
                LocalDate.of(2024, 7, 1), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 10, 1),
                LocalDate.of(2026, 7, 1)), files.stream().map(ReferenceFile::from).toList());
        assertEquals(LocalDate.of(2025, 9, 30), files.get(4).through());
        assertEquals(1, tables.notes().size(), tables.notes()::toString);
        assertTrue(tables.notes().get(0).startsWith("PPRRVU25_JAN1.csv looks re-saved by a spreadsheet"));
        assertEquals(GlobalDays.ADD_ON, tables.row("88341", LocalDate.of(2025, 11, 3)).globalDays());
        assertEquals(null, tables.row("88341", LocalDate.of(2026, 7, 1)), "the 2026 excerpt stops at 00534");
    }

    @Test
    void theRealMueExcerptLoadsWithItsMaaaAndPlaCodes() throws Exception {
        assumeRealFiles();
        MueReader.Result result = new MueReader().read(REAL.resolve("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv"));
        assertEquals(44, result.rows());
        assertEquals(CmsSetting.PRACTITIONER, result.table().setting());
        assertEquals(1, result.table().limit("0002M").value());
        assertEquals(MueAdjudication.CLINICAL, result.table().limit("0002M").mai());
        assertEquals(2, result.table().limit("0016M").value());
        assertEquals(1, result.table().limit("0001U").value());
    }

    @Test
    void theRealPtpExcerptLoadsWithItsVaccineMaaaAndPlaCodes() throws Exception {
        assumeRealFiles();
        PtpIndex.Builder builder = new PtpIndex.Builder();
        PtpReader.Result result = new PtpReader().read(REAL.resolve("ccipra-v322r0-f1.TXT"), builder);
        assertEquals(154, result.rows());
        PtpIndex index = builder.build("ccipra v32.2r0");
        assertTrue(index.knows("0001A") && index.knows("0001M") && index.knows("0001U") && index.knows("0591T"));
        assertNotNull(index.find("0001U", "0030U", LocalDate.of(2026, 7, 15)));
        assertEquals(null, index.find("0001A", "36591", LocalDate.of(2026, 7, 15)), "deleted 2023-12-31");
        assertNotNull(index.find("0001A", "36591", LocalDate.of(2023, 6, 1)));
    }

    @Test
    void everyRealFileLoadsInOneScrubsTables() throws Exception {
        assumeRealFiles();
        CmsTables tables = everyRealTable();
        assertEquals(9, tables.files().size(), tables.files()::toString);
        assertEquals(LocalDate.of(2026, 7, 1), tables.files().stream().filter(f -> f.kind() == ReferenceFile.Kind.PTP)
                .findFirst().orElseThrow().from(), "v32.2 is the 2026 Q3 release");
    }
}
