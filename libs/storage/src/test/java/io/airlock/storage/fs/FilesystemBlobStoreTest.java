package io.airlock.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreContractTest;
import io.airlock.storage.Expectation;
import io.airlock.storage.KeyConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest extends BlobStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected BlobStore store() throws IOException {
        return new FilesystemBlobStore(dir.resolve("store"));
    }

    @Test
    void localFileIsTheImmutableContent() throws IOException {
        BlobStore s = store();
        BlobInfo v1 = s.put("a.txt", new ByteArrayInputStream("one".getBytes()), Expectation.none());
        Path file = s.localFile(v1).orElseThrow();
        assertEquals("one", Files.readString(file));
        s.put("a.txt", new ByteArrayInputStream("two".getBytes()), Expectation.none());
        assertTrue(s.localFile(v1).isEmpty(), "the replaced version's file is gone");
    }

    @Test
    void fileAndDirectoryOfTheSameNameConflict() throws IOException {
        BlobStore s = store();
        s.put("a/b", new ByteArrayInputStream(new byte[1]), Expectation.none());
        assertThrows(
                KeyConflictException.class,
                () -> s.put("a", new ByteArrayInputStream(new byte[1]), Expectation.none()));
        assertThrows(
                KeyConflictException.class,
                () -> s.put("a/b/c", new ByteArrayInputStream(new byte[1]), Expectation.none()));
        assertTrue(s.stat("a/b/c").isEmpty(), "a key below a file is simply absent");
        assertOnlyKeys(s, "a/b");
    }

    @Test
    void failedPutsLeaveNoTemporaryOrBlobBehind() throws IOException {
        BlobStore s = store();
        assertThrows(
                IOException.class, () -> s.put("x", new ByteArrayInputStream(new byte[10]), Expectation.of(11L, null)));
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            assertEquals(0, files.filter(Files::isRegularFile).count());
        }
    }
}
