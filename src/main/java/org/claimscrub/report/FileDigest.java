package org.claimscrub.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file as run.json records it: path, size and SHA-256. */
public record FileDigest(String path, long bytes, String sha256) {

    public static FileDigest of(Path file) throws IOException {
        MessageDigest digest = newSha256();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new FileDigest(file.toString(), bytes, HexFormat.of().formatHex(digest.digest()));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
