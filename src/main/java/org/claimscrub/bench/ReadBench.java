package org.claimscrub.bench;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvClaimReader;
import org.claimscrub.reader.InputException;
import org.claimscrub.reader.X12ClaimReader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reading alone, CSV against X12 837, on the same synthetic lines: the 837 is written from what the CSV reader
 * makes of the batch, then each file is read into a counting sink, several times (see {@link #measure}).
 */
public final class ReadBench {
    private ReadBench() {
    }

    /** Lines per second reading each form, and the 837's size. */
    public record Result(long lines, double csvSeconds, double x12Seconds, long x12Bytes) {
        public double csvRate() {
            return lines / csvSeconds;
        }

        public double x12Rate() {
            return lines / x12Seconds;
        }
    }

    /** Writes {@code x12} as the 837 of the CSV batch (segments on their own lines, as most systems write them). */
    public static void write837(Path csv, Path x12) throws IOException, InputException {
        try (Writer out = Files.newBufferedWriter(x12, StandardCharsets.UTF_8);
             X12Batch batch = new X12Batch(out, true)) {
            ClaimSink sink = ClaimSink.writingTo(batch::add, reject -> {
                throw new IOException("synthetic line rejected: " + reject.describe());
            });
            try {
                CsvClaimReader.withoutDuplicateCheck().read(csv, 0, sink);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** Runs of each read not measured: the JIT compiles the reader meanwhile (the scrub before warmed only CSV). */
    static final int WARM_UP_RUNS = 2;
    /** Runs of each read measured; the median is reported. */
    static final int MEASURED_RUNS = 3;

    /**
     * Reads each form {@link #WARM_UP_RUNS} + {@link #MEASURED_RUNS} times, CSV and 837 in turn so that a busy
     * spell of a shared machine falls on both, and reports the median of the measured runs of each.
     */
    public static Result measure(Path csv, Path x12) throws IOException, InputException {
        double[] csvSeconds = new double[MEASURED_RUNS];
        double[] x12Seconds = new double[MEASURED_RUNS];
        long[] lines = {0};
        for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
            double c = time(() -> readCsv(csv));
            double x = time(() -> lines[0] = readX12(x12));
            if (run >= WARM_UP_RUNS) {
                csvSeconds[run - WARM_UP_RUNS] = c;
                x12Seconds[run - WARM_UP_RUNS] = x;
            }
        }
        return new Result(lines[0], median(csvSeconds), median(x12Seconds), Files.size(x12));
    }

    private static double median(double[] seconds) {
        double[] sorted = seconds.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @FunctionalInterface
    private interface Read {
        void run() throws InputException;
    }

    private static double time(Read read) throws InputException {
        long started = System.nanoTime();
        read.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static long readCsv(Path csv) throws InputException {
        AtomicLong accepted = new AtomicLong();
        return CsvClaimReader.withoutDuplicateCheck().read(csv, 0, counting(accepted));
    }

    private static long readX12(Path x12) throws InputException {
        AtomicLong accepted = new AtomicLong();
        return X12ClaimReader.withoutDuplicateCheck().read(x12, 0, counting(accepted));
    }

    private static ClaimSink counting(AtomicLong accepted) {
        return ClaimSink.of((ClaimLine line) -> accepted.incrementAndGet(), reject -> { });
    }
}
