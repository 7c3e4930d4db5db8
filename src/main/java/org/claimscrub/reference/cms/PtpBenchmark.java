package org.claimscrub.reference.cms;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Writes a synthetic NCCI PTP release in the CMS layout (four tab-separated files, made-up codes, dates and
 * rationales), loads it the way a scrub does, and prints the load time and the memory the index holds.
 * A measurement to run by hand ({@code claimscrub bench-ptp}), not a test.
 */
public final class PtpBenchmark {
    private static final int FILES = 4;
    private static final int RATIONALES = 40;
    private static final LocalDate DOS = LocalDate.of(2025, 2, 3);

    /** What one run measured. */
    public record Figures(long rows, int codes, double writeSeconds, double loadSeconds, double loadCpuSeconds,
                          long indexRowBytes, long heapRetainedBytes, double nanosPerLookup) {
    }

    public Figures run(Path dir, int rows, PrintStream out) throws IOException, CmsFileException {
        long started = System.nanoTime();
        List<Path> files = write(dir, rows);
        long written = System.nanoTime();
        out.printf("Wrote %,d rows in %d files (%,d MB) in %.1f s%n", rows, files.size(), size(files) >> 20,
                (written - started) / 1e9);

        long heapBefore = usedHeap();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long loadStart = System.nanoTime();
        PtpIndex index = load(files);
        long loaded = System.nanoTime();
        double loadCpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long retained = usedHeap() - heapBefore;

        String[] codes = codes(index.codes());
        int lookups = 1_000_000;
        lookups(index, codes, lookups);
        long lookupStart = System.nanoTime();
        int hits = lookups(index, codes, lookups);
        double nanosPerLookup = (System.nanoTime() - lookupStart) / (double) lookups;
        Figures figures = new Figures(index.size(), index.codes(), (written - started) / 1e9,
                (loaded - loadStart) / 1e9, loadCpuSeconds, index.rowBytes(), retained, nanosPerLookup);
        out.printf("Loaded %,d rows (%,d codes) in %.2f s (%.2f s CPU of the loading thread), SHA-256 included%n",
                figures.rows(), figures.codes(), figures.loadSeconds(), loadCpuSeconds);
        out.printf("Index: %,d MB in arrays (15 bytes a row); heap retained after GC %,d MB%n",
                figures.indexRowBytes() >> 20, figures.heapRetainedBytes() >> 20);
        out.printf("Lookup: %.0f ns per pair (%,d random pairs after a warm-up, %,d hits)%n", nanosPerLookup,
                lookups, hits);
        return figures;
    }

    /** Random pairs looked up; the first call warms the JIT, the second is timed. Returns the hits. */
    private static int lookups(PtpIndex index, String[] codes, int count) {
        Random random = new Random(7);
        int hits = 0;
        for (int i = 0; i < count; i++) {
            if (index.find(codes[random.nextInt(codes.length)], codes[random.nextInt(codes.length)], DOS) != null) {
                hits++;
            }
        }
        return hits;
    }

    /** Reads the files as a scrub does; the builder is garbage once this returns. */
    private static PtpIndex load(List<Path> files) throws CmsFileException {
        PtpIndex.Builder builder = new PtpIndex.Builder();
        for (Path file : files) {
            new PtpReader().read(file, builder);
        }
        return builder.build("synthetic");
    }

    /** Codes of the synthetic table, in id order: the same generator as {@link #write}. */
    private static String[] codes(int count) {
        String[] codes = new String[count];
        for (int i = 0; i < count; i++) {
            codes[i] = code(i);
        }
        return codes;
    }

    /** Five digits for every i below 18,000. */
    private static String code(int i) {
        return Integer.toString(10_000 + i * 5);
    }

    /**
     * About 15,000 made-up codes; each column 1 code paired with a run of column 2 codes, sorted as CMS sorts
     * its files, split over four files of equal size.
     */
    static List<Path> write(Path dir, int rows) throws IOException {
        int codes = 15_000;
        int perCode = (rows + codes - 1) / codes;
        Random random = new Random(42);
        List<Path> files = new ArrayList<>();
        int perFile = (rows + FILES - 1) / FILES;
        int written = 0;
        BufferedWriter out = null;
        try {
            for (int c1 = 0; c1 < codes && written < rows; c1++) {
                TreeSet<Integer> partners = new TreeSet<>();
                while (partners.size() < perCode) {
                    int c2 = random.nextInt(codes);
                    if (c2 != c1) {
                        partners.add(c2);
                    }
                }
                for (int c2 : partners) {
                    if (written == rows) {
                        break;
                    }
                    if (written % perFile == 0) {
                        if (out != null) {
                            out.close();
                        }
                        Path file = dir.resolve("ccipra-v310r0-f" + (files.size() + 1) + ".txt");
                        files.add(file);
                        out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1);
                        out.write("SYNTHETIC BENCHMARK DATA - MADE-UP VALUES, NOT CMS DATA\r\n");
                        out.write("Column1/Column2 Edits\r\n");
                        out.write("Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\t"
                                + "PTP Edit Rationale\r\n");
                        out.write("\t\tprior to 1996\tDate\tDate\t0=not allowed\t\r\n");
                        out.write("\t\t\t\t*=no data\t1=allowed\t\r\n");
                        out.write("\t\t\t\t\t9=not applicable\t\r\n");
                    }
                    boolean old = random.nextInt(4) == 0;
                    int year = old ? 1996 : 1997 + random.nextInt(28);
                    String deletion = random.nextInt(10) == 0 ? (year + 1 + random.nextInt(3)) + "1231" : "*";
                    int indicator = random.nextInt(10);
                    out.write(code(c1) + '\t' + code(c2) + '\t' + (old ? "*" : "") + '\t' + year + "0101\t" + deletion
                            + '\t' + (indicator < 3 ? '0' : indicator < 9 ? '1' : '9') + "\tSynthetic rationale "
                            + random.nextInt(RATIONALES) + "\r\n");
                    written++;
                }
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        return files;
    }

    private static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
