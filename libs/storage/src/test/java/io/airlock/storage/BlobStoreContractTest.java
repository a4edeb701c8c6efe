package io.airlock.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one contract every {@link BlobStore} backend passes. A backend's test extends this and supplies a fresh, empty
 * store per test.
 */
public abstract class BlobStoreContractTest {

    /** A new, empty store. */
    protected abstract BlobStore store() throws IOException;

    private static BlobInfo put(BlobStore s, String key, byte[] content) throws IOException {
        return s.put(key, new ByteArrayInputStream(content), Expectation.none());
    }

    private static byte[] read(BlobStore s, BlobInfo info, long offset, long length) throws IOException {
        try (InputStream in = s.open(info, offset, length)) {
            return in.readAllBytes();
        }
    }

    private static byte[] readAll(BlobStore s, String key) throws IOException {
        BlobInfo info = s.stat(key).orElseThrow();
        return read(s, info, 0, info.size());
    }

    @Test
    void putThenStatAndReadGivesExactBytesAndDigests() throws IOException {
        BlobStore s = store();
        byte[] content = Fixtures.opensearchPluginZip("repository-s3", "2.8.0");
        BlobInfo put = put(s, "repository-s3-2.8.0.zip", content);

        BlobInfo stat = s.stat("repository-s3-2.8.0.zip").orElseThrow();
        assertEquals(put, stat);
        assertEquals(content.length, stat.size());
        assertEquals(Fixtures.sha256Hex(content), stat.sha256());
        assertEquals(Fixtures.sha512Hex(content), stat.sha512());
        assertArrayEquals(content, readAll(s, "repository-s3-2.8.0.zip"));
    }

    @Test
    void smallContentIsReadWholeAndSizeIsBounded() throws IOException {
        BlobStore s = store();
        byte[] content = "sha256:0123\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        put(s, "repositories/a/_manifests/tags/2", content);
        assertArrayEquals(
                content, s.readSmall("repositories/a/_manifests/tags/2", 100).orElseThrow());
        assertTrue(s.readSmall("repositories/a/_manifests/tags/3", 100).isEmpty());
        put(s, "repositories/a/_manifests/tags/2", new byte[0]);
        assertArrayEquals(
                new byte[0],
                s.readSmall("repositories/a/_manifests/tags/2", 100).orElseThrow());
        put(s, "big", new byte[101]);
        assertThrows(StorageException.class, () -> s.readSmall("big", 100));
        assertEquals(101, s.readSmall("big", 101).orElseThrow().length);
    }

    @Test
    void statImmutableFindsWhatStatFinds() throws IOException {
        BlobStore s = store();
        BlobInfo put = put(s, "blobs/sha256/abc", new byte[] {1, 2, 3});
        assertEquals(put, s.statImmutable("blobs/sha256/abc").orElseThrow());
        assertTrue(s.statImmutable("blobs/sha256/def").isEmpty());
        assertTrue(s.delete("blobs/sha256/abc"));
        assertTrue(s.statImmutable("blobs/sha256/abc").isEmpty(), "deleted by this process: forgotten");
    }

    @Test
    void emptyContentIsAFile() throws IOException {
        BlobStore s = store();
        BlobInfo info = put(s, "empty.txt", new byte[0]);
        assertEquals(0, info.size());
        assertEquals(Fixtures.sha256Hex(new byte[0]), info.sha256());
        assertArrayEquals(new byte[0], readAll(s, "empty.txt"));
    }

    @Test
    void rangesReadExactlyTheirBytes() throws IOException {
        BlobStore s = store();
        byte[] content = Fixtures.randomBytes(100_000, 1);
        BlobInfo info = put(s, "a/b.bin", content);
        assertArrayEquals(Arrays.copyOfRange(content, 0, 1), read(s, info, 0, 1));
        assertArrayEquals(Arrays.copyOfRange(content, 500, 70_500), read(s, info, 500, 70_000));
        assertArrayEquals(Arrays.copyOfRange(content, 99_999, 100_000), read(s, info, 99_999, 1));
        assertArrayEquals(new byte[0], read(s, info, 100_000, 0));
        assertThrows(IllegalArgumentException.class, () -> s.open(info, 99_999, 2));
        assertThrows(IllegalArgumentException.class, () -> s.open(info, -1, 1));
    }

    @Test
    void matchingExpectationIsAccepted() throws IOException {
        BlobStore s = store();
        byte[] content = Fixtures.randomBytes(10_000, 2);
        BlobInfo info = s.put(
                "x.bin",
                new ByteArrayInputStream(content),
                Expectation.of(
                        (long) content.length, Fixtures.sha256Hex(content).toUpperCase()));
        assertEquals(Fixtures.sha256Hex(content), info.sha256());
    }

    @Test
    void wrongDigestPublishesNothingAndKeepsThePreviousVersion() throws IOException {
        BlobStore s = store();
        byte[] v1 = Fixtures.randomBytes(1000, 3);
        byte[] v2 = Fixtures.randomBytes(1000, 4);
        put(s, "file.bin", v1);
        BlobVerificationException e = assertThrows(
                BlobVerificationException.class,
                () -> s.put("file.bin", new ByteArrayInputStream(v2), Expectation.of(null, Fixtures.sha256Hex(v1))));
        assertEquals(BlobVerificationException.Reason.DIGEST_MISMATCH, e.reason());
        assertArrayEquals(v1, readAll(s, "file.bin"));
        assertThrows(
                BlobVerificationException.class,
                () -> s.put("new.bin", new ByteArrayInputStream(v2), Expectation.of(null, Fixtures.sha256Hex(v1))));
        assertTrue(s.stat("new.bin").isEmpty());
        assertOnlyKeys(s, "file.bin");
    }

    @ParameterizedTest
    @ValueSource(longs = {999, 1001, 0, 5000})
    void wrongSizePublishesNothingAndKeepsThePreviousVersion(long declared) throws IOException {
        BlobStore s = store();
        byte[] v1 = Fixtures.randomBytes(1000, 5);
        byte[] v2 = Fixtures.randomBytes(1000, 6);
        put(s, "file.bin", v1);
        BlobVerificationException e = assertThrows(
                BlobVerificationException.class,
                () -> s.put("file.bin", new ByteArrayInputStream(v2), Expectation.of(declared, null)));
        assertEquals(BlobVerificationException.Reason.SIZE_MISMATCH, e.reason());
        assertArrayEquals(v1, readAll(s, "file.bin"));
        assertOnlyKeys(s, "file.bin");
    }

    @Test
    void interruptedUploadPublishesNothingAndKeepsThePreviousVersion() throws IOException {
        BlobStore s = store();
        byte[] v1 = Fixtures.randomBytes(1000, 7);
        put(s, "file.bin", v1);
        InputStream failing = new FailingInputStream(Fixtures.randomBytes(3 * 1024 * 1024, 8), 2 * 1024 * 1024);
        IOException e = assertThrows(IOException.class, () -> s.put("file.bin", failing, Expectation.none()));
        assertEquals("client went away", e.getMessage());
        InputStream failing2 = new FailingInputStream(Fixtures.randomBytes(3 * 1024 * 1024, 8), 2 * 1024 * 1024);
        assertThrows(IOException.class, () -> s.put("other.bin", failing2, Expectation.of(3L * 1024 * 1024, null)));
        assertArrayEquals(v1, readAll(s, "file.bin"));
        assertTrue(s.stat("other.bin").isEmpty());
        assertOnlyKeys(s, "file.bin");
    }

    @Test
    void largeContentStreamsThrough() throws IOException {
        BlobStore s = store();
        byte[] content = Fixtures.randomBytes(20 * 1024 * 1024 + 123, 9);
        BlobInfo info = put(s, "big/java-db.tar.gz", content);
        assertEquals(content.length, info.size());
        assertEquals(Fixtures.sha256Hex(content), info.sha256());
        assertArrayEquals(content, readAll(s, "big/java-db.tar.gz"));
    }

    @Test
    void overwriteReplacesAndAnOldReadIsRefusedNotMixed() throws IOException {
        BlobStore s = store();
        BlobInfo v1 = put(s, "index.yaml", "one\n".getBytes());
        BlobInfo v2 = put(s, "index.yaml", "two, longer\n".getBytes());
        assertEquals(v2, s.stat("index.yaml").orElseThrow());
        assertArrayEquals("two, longer\n".getBytes(), readAll(s, "index.yaml"));
        assertThrows(BlobChangedException.class, () -> read(s, v1, 0, v1.size()));
    }

    @Test
    void keysKeepTheirExactSpelling() throws IOException {
        BlobStore s = store();
        String driver = "8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko";
        byte[] content = Fixtures.elfKernelModule(5000, 10);
        put(s, driver, content);
        put(s, "ünïcode dir/file name.txt", "x".getBytes());
        assertArrayEquals(content, readAll(s, driver));
        assertTrue(s.stat("8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko")
                .isEmpty());
        assertTrue(s.stat("ünïcode dir/file name.txt").isPresent());
    }

    @Test
    void listShowsFilesAndDirectoriesInOrder() throws IOException {
        BlobStore s = store();
        put(s, "b.zip", new byte[] {1});
        put(s, "a.zip", new byte[] {1, 2});
        put(s, "falcoctl/index.yaml", new byte[] {1, 2, 3});
        put(s, "8.1.0+driver/x86_64/falco_a_1_1.ko", new byte[] {4});
        put(s, "8.1.0+driver/aarch64/falco_a_1_1.ko", new byte[] {5});

        try (Stream<Entry> root = s.list("", false)) {
            assertEquals(
                    List.of(new Entry.Directory("8.1.0+driver/"), "a.zip", "b.zip", new Entry.Directory("falcoctl/")),
                    root.map(e -> e instanceof Entry.File f ? f.key() : e).toList());
        }
        try (Stream<Entry> all = s.list("", true)) {
            assertEquals(
                    List.of(
                            "8.1.0+driver/aarch64/falco_a_1_1.ko",
                            "8.1.0+driver/x86_64/falco_a_1_1.ko",
                            "a.zip",
                            "b.zip",
                            "falcoctl/index.yaml"),
                    all.map(Entry::key).toList());
        }
        try (Stream<Entry> sub = s.list("falcoctl/", false)) {
            List<Entry> entries = sub.toList();
            assertEquals(1, entries.size());
            Entry.File f = (Entry.File) entries.get(0);
            assertEquals("falcoctl/index.yaml", f.key());
            assertEquals(3, f.size());
        }
        try (Stream<Entry> none = s.list("nothing-here/", true)) {
            assertEquals(0, none.count());
        }
    }

    @Test
    void deleteRemovesTheKeyAndItsEmptyDirectories() throws IOException {
        BlobStore s = store();
        put(s, "dir/sub/file.txt", new byte[] {1});
        put(s, "keep.txt", new byte[] {2});
        assertTrue(s.delete("dir/sub/file.txt"));
        assertFalse(s.delete("dir/sub/file.txt"));
        assertFalse(s.delete("never-was.txt"));
        assertTrue(s.stat("dir/sub/file.txt").isEmpty());
        try (Stream<Entry> root = s.list("", false)) {
            assertEquals(List.of("keep.txt"), root.map(Entry::key).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/abs",
                "trailing/",
                "a//b",
                "..",
                "../etc/passwd",
                "a/../../b",
                "a/./b",
                "back\\slash",
                "nul\u0000byte",
                "new\nline"
            })
    void invalidKeysAreRefusedEverywhere(String key) throws IOException {
        BlobStore s = store();
        assertThrows(
                InvalidKeyException.class, () -> s.put(key, new ByteArrayInputStream(new byte[1]), Expectation.none()));
        assertThrows(InvalidKeyException.class, () -> s.stat(key));
        assertThrows(InvalidKeyException.class, () -> s.delete(key));
        assertOnlyKeys(s);
    }

    @Test
    void overLongKeysAreRefused() throws IOException {
        BlobStore s = store();
        assertThrows(InvalidKeyException.class, () -> s.stat("x".repeat(256)));
        assertThrows(InvalidKeyException.class, () -> s.stat(("y".repeat(200) + "/").repeat(6) + "z"));
    }

    @Test
    void pingSucceedsOnAHealthyStore() throws IOException {
        store().ping();
    }

    protected static void assertOnlyKeys(BlobStore s, String... keys) throws IOException {
        try (Stream<Entry> all = s.list("", true)) {
            assertEquals(List.of(keys), all.map(Entry::key).toList());
        }
    }

    /** Yields {@code content} but fails after {@code failAfter} bytes, like a client that disconnects mid-upload. */
    static final class FailingInputStream extends InputStream {
        private final byte[] content;
        private final int failAfter;
        private int pos;

        FailingInputStream(byte[] content, int failAfter) {
            this.content = content;
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= failAfter) {
                throw new IOException("client went away");
            }
            int n = Math.min(len, Math.min(failAfter, content.length) - pos);
            System.arraycopy(content, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
