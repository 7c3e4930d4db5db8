package org.claimscrub.spill;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The work folder of one run, where claim lines, findings and rejects are spilled: every file in it is
 * encrypted (AES-CTR) with a key made for the run and held only in memory, so spill files a killed run leaves
 * behind (kill -9 skips every cleanup) are unreadable, and the folder and its files are owner-only where the
 * file system has POSIX permissions. Every spill file is written and read through {@link #output} and
 * {@link #input} (or {@link #readAll}); nothing in here follows a symbolic link.
 *
 * <p>CTR is a stream cipher: any length, no padding, and the JDK runs it on the CPU's AES instructions. It
 * gives confidentiality, not integrity: the folder is the run's own (owner-only), and a spill file that reads
 * back wrong is reported as damaged by its decoder.
 */
public final class SpillFolder implements AutoCloseable {
    private static final String CIPHER = "AES/CTR/NoPadding";
    private static final int IV_BYTES = 16;
    private static final int BUFFER = 1 << 16;
    /**
     * Bytes per cipher call. The JIT compiles the cipher's loop to the CPU's AES instructions only once the
     * method has been called often (until then it runs several times slower), so many small calls get there
     * after a few MB, and a buffer is crypted in several.
     */
    private static final int CIPHER_STEP = 1 << 12;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final SecretKey key;

    private SpillFolder(Path folder, SecretKey key) {
        this.folder = folder;
        this.key = key;
    }

    /** Makes a new owner-only work folder with this prefix inside {@code parent}, with a fresh key. */
    public static SpillFolder create(Path parent, String prefix) throws IOException {
        Path folder = Files.createTempDirectory(parent, prefix, ownerOnly("rwx------"));
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128, RANDOM);
            return new SpillFolder(folder, generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES", e);
        }
    }

    public Path path() {
        return folder;
    }

    /** A new, empty, owner-only spill file in the folder. */
    public Path newFile(String prefix) throws IOException {
        return Files.createTempFile(folder, prefix, ".bin", ownerOnly("rw-------"));
    }

    /** Writes a spill file, encrypted, through a buffer of 64 KB; closing the stream closes the file. */
    public OutputStream output(Path file) throws IOException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        OutputStream raw = Files.newOutputStream(file, LinkOption.NOFOLLOW_LINKS);
        raw.write(iv);
        return new EncryptingStream(raw, cipher(Cipher.ENCRYPT_MODE, iv));
    }

    /** Reads a spill file written by {@link #output}, decrypted, through a buffer of 64 KB. */
    public InputStream input(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        byte[] iv = raw.readNBytes(IV_BYTES);
        if (iv.length != IV_BYTES) {
            raw.close();
            throw new IOException("spill file " + file + " is truncated");
        }
        return new DecryptingStream(raw, cipher(Cipher.DECRYPT_MODE, iv));
    }

    /** The whole of a spill file written by {@link #output}, decrypted. */
    public byte[] readAll(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] iv = in.readNBytes(IV_BYTES);
            long size = Files.size(file) - IV_BYTES;
            if (iv.length != IV_BYTES || size > Integer.MAX_VALUE - 8) {
                throw new IOException("spill file " + file + " is truncated or too large");
            }
            byte[] bytes = new byte[(int) size];
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException("spill file " + file + " is truncated");
            }
            crypt(cipher(Cipher.DECRYPT_MODE, iv), bytes, bytes.length);
            return bytes;
        }
    }

    /** Encrypts or decrypts in place (CTR output has the input's length), {@link #CIPHER_STEP} bytes a call. */
    private static void crypt(Cipher cipher, byte[] bytes, int length) {
        try {
            for (int at = 0; at < length; at += CIPHER_STEP) {
                cipher.update(bytes, at, Math.min(CIPHER_STEP, length - at), bytes, at);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cipher cipher(int mode, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key, new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + CIPHER, e);
        }
    }

    /** Deletes the folder and everything in it. */
    @Override
    public void close() throws IOException {
        deleteTree(folder);
    }

    /**
     * Deletes a file or folder tree without following any symbolic link: a link is removed, never what it
     * points at. Nothing there is fine.
     */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow links by default: a link (even as the start) is visited as a file
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Owner-only permissions where the file system has POSIX permissions; none asked for elsewhere. */
    public static FileAttribute<?>[] ownerOnly(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }

    /** Encrypts as it buffers: a full buffer is encrypted in place and written in one call. */
    private static final class EncryptingStream extends FilterOutputStream {
        private final Cipher cipher;
        private final byte[] buffer = new byte[BUFFER];
        private int size;

        EncryptingStream(OutputStream out, Cipher cipher) {
            super(out);
            this.cipher = cipher;
        }

        @Override
        public void write(int b) throws IOException {
            if (size == buffer.length) {
                drain();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buffer.length) {
                    drain();
                }
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        private void drain() throws IOException {
            crypt(cipher, buffer, size);
            out.write(buffer, 0, size);
            size = 0;
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try (OutputStream file = out) {
                drain();
            }
        }
    }

    /** Decrypts a buffer at a time. */
    private static final class DecryptingStream extends FilterInputStream {
        private final Cipher cipher;
        private final byte[] buffer = new byte[BUFFER];
        private int position;
        private int size;

        DecryptingStream(InputStream in, Cipher cipher) {
            super(in);
            this.cipher = cipher;
        }

        private boolean fill() throws IOException {
            if (position < size) {
                return true;
            }
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            crypt(cipher, buffer, n);
            position = 0;
            size = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, size - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && fill()) {
                int step = (int) Math.min(n - skipped, size - position);
                position += step;
                skipped += step;
            }
            return skipped;
        }

        @Override
        public int available() {
            return size - position;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
