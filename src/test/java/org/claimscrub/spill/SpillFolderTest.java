package org.claimscrub.spill;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SpillFolderTest {
    @TempDir
    Path tmp;

    private static byte[] patientData() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("PHI-SECRET-").append(i).append(',');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void spillFilesHoldNoPatientIdInClearAndReadBackWhole() throws IOException {
        byte[] data = patientData();
        try (SpillFolder work = SpillFolder.create(tmp, "work-")) {
            Path file = work.newFile("lines-");
            try (OutputStream out = work.output(file)) {
                out.write(data, 0, 7);
                out.write(data[7]);
                out.write(data, 8, data.length - 8);
            }
            String onDisk = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(onDisk.contains("PHI-SECRET"), "spill file in clear");
            assertArrayEquals(data, work.readAll(file));
            try (InputStream in = work.input(file)) {
                assertArrayEquals(data, in.readAllBytes());
            }
            try (DataInputStream in = new DataInputStream(work.input(file))) {
                byte[] some = new byte[100];
                in.readFully(some);
                assertEquals("PHI-SECRET-0,", new String(some, 0, 13, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void eachRunHasItsOwnKeySoAKilledRunsFilesCannotBeReadBack() throws IOException {
        byte[] data = patientData();
        SpillFolder killed = SpillFolder.create(tmp, "work-");
        Path file = killed.newFile("rejects-");
        try (OutputStream out = killed.output(file)) {
            out.write(data);
        }
        try (SpillFolder next = SpillFolder.create(tmp, "work-")) {
            assertNotEquals(new String(data, StandardCharsets.ISO_8859_1),
                    new String(next.readAll(file), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aFlushedPartialBufferReadsBackWhileWritingGoesOn() throws IOException {
        try (SpillFolder work = SpillFolder.create(tmp, "work-")) {
            Path file = work.newFile("rejects-");
            try (OutputStream out = work.output(file)) {
                out.write("first,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try (InputStream in = work.input(file)) {
                    assertEquals("first,", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("first,second", new String(work.readAll(file), StandardCharsets.UTF_8));
        }
    }

    @Test
    void workFolderAndSpillFilesAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "no POSIX permissions on this file system");
        try (SpillFolder work = SpillFolder.create(tmp, "work-")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.path())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    work.newFile("lines-"))));
        }
    }

    @Test
    void closingRemovesTheFolderAndALinkInsideItButNeverWhatTheLinkPointsAt() throws IOException {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("keep.txt"), "not claimscrub's");
        SpillFolder work = SpillFolder.create(tmp, "work-");
        Files.createSymbolicLink(work.path().resolve("planted"), victim);
        work.close();
        assertFalse(Files.exists(work.path(), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(victim.resolve("keep.txt")));

        Path link = Files.createSymbolicLink(tmp.resolve("link-to-victim"), victim);
        SpillFolder.deleteTree(link);
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(victim.resolve("keep.txt")), "a link given as the tree is removed, not followed");
    }
}
