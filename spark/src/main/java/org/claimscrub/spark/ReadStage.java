package org.claimscrub.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;
import org.claimscrub.reader.ClaimFileReader;
import org.claimscrub.reader.ClaimSink;
import org.claimscrub.reader.CsvReadOptions;
import org.claimscrub.reader.InputException;
import org.claimscrub.reader.InputFormat;
import org.claimscrub.report.FileDigest;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The first stage: one task reads one input file whole with the core's reader (CSV or X12 837, as the CLI tells
 * them apart), as the readers stream a file from its start. Repeated line numbers are left for the next stage:
 * they are checked by claim id over the whole batch, and a claim may span files.
 */
final class ReadStage {
    private ReadStage() {
    }

    /** What the stage yields: a line (keyed by claim id), a reader's reject, or the file's own figures. */
    enum Kind { LINE, REJECT, FILE }

    /**
     * @param key the claim id of a line, the visit key of a kept line (next stage), empty otherwise
     * @param bytes a {@link LineCodec} line or reject; null for a file's figures
     */
    record Item(Kind kind, String key, long position, byte[] bytes, FileRead file) implements Serializable {
    }

    /** One file as read: its digest, how many lines and rejects it gave, and what the reader noted. */
    record FileRead(int index, String path, long bytes, String sha256, long lines, long rejects, List<String> notes)
            implements Serializable {
    }

    /** What every reading task needs, serialisable (a Charset is not). */
    record Options(InputFormat format, String charset, Map<String, String> columns) implements Serializable {
        CsvReadOptions csv() {
            return new CsvReadOptions(Charset.forName(charset), columns);
        }
    }

    static List<Item> read(int index, String file, Options options) throws IOException, InputException {
        List<Item> items = new ArrayList<>();
        ClaimFileReader reader = ClaimFileReader.withoutDuplicateCheck(options.format(), options.csv());
        long[] counts = new long[2];
        MessageDigest sha = FileDigest.newSha256();
        FileSystem fs = FileSystem.get(URI.create(file), new Configuration());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        if (!fs.exists(path)) {
            throw new InputException(file + ": file not found");
        }
        if (fs.getFileStatus(path).isDirectory()) {
            throw new InputException(file + ": is a folder, not a claim file");
        }
        long bytes;
        try (DigestInputStream in = new DigestInputStream(fs.open(path), sha)) {
            CountingSink sink = new CountingSink(items, counts);
            reader.read(in, file, index, sink);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            bytes = fs.getFileStatus(path).getLen();
        }
        items.add(new Item(Kind.FILE, "", 0, null, new FileRead(index, file, bytes,
                HexFormat.of().formatHex(sha.digest()), counts[0], counts[1],
                List.copyOf(reader.notes()))));
        return items;
    }

    private record CountingSink(List<Item> items, long[] counts) implements ClaimSink {
        @Override
        public void accept(ClaimLine line) {
            accept(line, () -> "");
        }

        @Override
        public void accept(ClaimLine line, Supplier<String> raw) {
            counts[0]++;
            items.add(new Item(Kind.LINE, line.claimId(), LineCodec.position(line.source()),
                    LineCodec.line(line, raw.get()), null));
        }

        @Override
        public void reject(Reject reject) {
            counts[1]++;
            items.add(new Item(Kind.REJECT, "", LineCodec.position(reject.source()), LineCodec.reject(reject),
                    null));
        }
    }
}
