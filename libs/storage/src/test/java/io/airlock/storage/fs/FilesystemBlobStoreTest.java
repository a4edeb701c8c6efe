package io.airlock.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreContractTest;
import io.airlock.storage.Expectation;
import io.airlock.storage.KeyConflictException;
import io.airlock.storage.StorageFullException;
import io.airlock.storage.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void aFullDiskIsReportedAsStorageFullNotAsAnAnonymousIoFailure() {
        // What FileChannel.write, Files.move and Files.writeString throw on ENOSPC / EDQUOT (.ci/checks/faults.sh
        // fills a real tmpfs through the packaged services).
        IOException write = new IOException("No space left on device");
        IOException move = new FileSystemException("/data/tmp/x", "/data/blobs/x", "No space left on device");
        IOException quota = new IOException("Disk quota exceeded");
        for (IOException e : List.of(write, move, quota)) {
            IOException mapped = StorageFullException.ifNoSpace(e);
            assertInstanceOf(StorageFullException.class, mapped);
            assertInstanceOf(StorageUnavailableException.class, mapped, "mappers that know only 'unavailable' say 503");
            assertSame(e, mapped.getCause());
        }
        IOException other = new IOException("Input/output error");
        assertSame(other, StorageFullException.ifNoSpace(other));
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
