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
 * makes of the batch, then each file is read into a counting sink. Each read runs twice and the second is
 * measured, as the bench measures the scrub.
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

    public static Result measure(Path csv, Path x12) throws IOException, InputException {
        readCsv(csv);
        double csvSeconds = time(() -> readCsv(csv));
        readX12(x12);
        long[] lines = {0};
        double x12Seconds = time(() -> lines[0] = readX12(x12));
        return new Result(lines[0], csvSeconds, x12Seconds, Files.size(x12));
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
