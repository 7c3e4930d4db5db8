package org.claimscrub.reference.cms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a CMS file as Latin-1 text (the encoding CMS publishes in) while computing its SHA-256, so the
 * report can name the exact file used without a second pass over millions of rows.
 */
final class HashedLines implements AutoCloseable {
    private final MessageDigest digest;
    private final InputStream raw;
    private final BufferedReader reader;

    HashedLines(Path file) throws IOException {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        raw = new DigestInputStream(Files.newInputStream(file), digest);
        reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.ISO_8859_1), 1 << 16);
    }

    BufferedReader reader() {
        return reader;
    }

    /** The SHA-256 of the whole file in hex; reads whatever the parser left unread. */
    String sha256() throws IOException {
        byte[] rest = new byte[1 << 16];
        while (raw.read(rest) >= 0) {
            // digest the remainder
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
