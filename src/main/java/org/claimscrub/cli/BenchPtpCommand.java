package org.claimscrub.cli;

import org.claimscrub.reference.cms.CmsFileException;
import org.claimscrub.reference.cms.PtpBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code claimscrub bench-ptp}: how long a PTP release of millions of rows takes to load, and its memory. */
@Command(name = "bench-ptp", mixinStandardHelpOptions = true,
        description = "Write a synthetic NCCI PTP release in the CMS layout to a temporary folder, load it, and print"
                + " the load time and the index memory.")
final class BenchPtpCommand implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", defaultValue = "4000000",
            description = "Rows to generate (default: ${DEFAULT-VALUE}).")
    int rows;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            System.err.println("claimscrub: --rows must be at least 1");
            return ExitCode.USAGE.code();
        }
        Path dir = Files.createTempDirectory("claimscrub-bench-ptp");
        try {
            new PtpBenchmark().run(dir, rows, System.out);
            return ExitCode.OK.code();
        } catch (CmsFileException e) {
            System.err.println("claimscrub: " + e.getMessage());
            return ExitCode.REFERENCE_DATA.code();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
