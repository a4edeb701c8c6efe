package io.airlock.storage.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BackendReads;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreContractTest;
import io.airlock.storage.Expectation;
import io.airlock.storage.s3.S3BlobStore;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.S3ProxyServer;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of a real S3 API server: it still meets the whole contract, and a herd reads once. */
class CachingBlobStoreTest extends BlobStoreContractTest {
    private static S3ProxyServer server;
    private static MinioClient client;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.inMemory().start();
        client = MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .build();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private CachingBlobStore cached(long maxBytes, Duration minAge) throws IOException {
        return cached(maxBytes, minAge, new BackendReads("s3"));
    }

    private CachingBlobStore cached(long maxBytes, Duration minAge, BackendReads reads) throws IOException {
        BlobStore remote = new S3BlobStore(
                client, server.endpoint(), "airlock-cache", "t-" + UUID.randomUUID() + "/", true, reads);
        return new CachingBlobStore(
                remote, cacheDir.resolve(UUID.randomUUID().toString()), maxBytes, minAge, Clock.systemUTC());
    }

    @Override
    protected BlobStore store() throws IOException {
        return cached(64L * 1024 * 1024, Duration.ofSeconds(60));
    }

    @Test
    void aHerdOfConcurrentDownloadsFetchesTheBlobOnce() throws Exception {
        BackendReads reads = new BackendReads("s3");
        CachingBlobStore s = cached(64L * 1024 * 1024, Duration.ofSeconds(60), reads);
        byte[] content = Fixtures.randomBytes(8 * 1024 * 1024, 21);
        BlobInfo info = s.put("java-db.tar.gz", new ByteArrayInputStream(content), Expectation.none());
        assertEquals(0, reads.total(), "an upload reads nothing back");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<Path>>> herd = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                herd.add(pool.submit((Callable<Optional<Path>>) () -> s.localFile(info)));
            }
            for (Future<Optional<Path>> f : herd) {
                Path p = f.get().orElseThrow();
                assertArrayEquals(content, Files.readAllBytes(p));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(content.length, s.fetchedBytes(), "object storage was read exactly once");
        assertEquals(content.length, reads.total(), "the backend read counter saw exactly the one fetch");
        for (int i = 0; i < 3; i++) {
            s.localFile(info).orElseThrow(); // served from the cache: no further object storage reads
        }
        assertEquals(content.length, reads.total());
    }

    @Test
    void immutableMetadataIsAnsweredFromMemoryUntilThisProcessDeletesIt() throws Exception {
        BackendReads reads = new BackendReads("s3");
        String prefix = "t-" + UUID.randomUUID() + "/";
        BlobStore remote = new S3BlobStore(client, server.endpoint(), "airlock-cache", prefix, true, reads);
        CachingBlobStore s = new CachingBlobStore(
                remote, cacheDir.resolve(UUID.randomUUID().toString()), 1 << 20, Duration.ZERO, Clock.systemUTC());
        BlobInfo put = s.put("blobs/sha256/abc", new ByteArrayInputStream(new byte[] {1, 2, 3}), Expectation.none());
        assertEquals(put, s.statImmutable("blobs/sha256/abc").orElseThrow());
        // removed behind the cache's back (another replica's garbage collection): still answered from memory
        client.removeObject(io.minio.RemoveObjectArgs.builder()
                .bucket("airlock-cache")
                .object(prefix + "objects/blobs/sha256/abc")
                .build());
        assertTrue(s.stat("blobs/sha256/abc").isEmpty(), "stat always asks object storage");
        assertEquals(put, s.statImmutable("blobs/sha256/abc").orElseThrow());
        // ... until a read finds that version gone
        assertThrows(io.airlock.storage.BlobChangedException.class, () -> s.open(put, 0, 3));
        assertTrue(s.statImmutable("blobs/sha256/abc").isEmpty());

        BlobInfo again = s.put("blobs/sha256/abc", new ByteArrayInputStream(new byte[] {1, 2, 3}), Expectation.none());
        assertEquals(again, s.statImmutable("blobs/sha256/abc").orElseThrow());
        assertTrue(s.delete("blobs/sha256/abc"));
        assertTrue(s.statImmutable("blobs/sha256/abc").isEmpty(), "deleted here: forgotten at once");
        assertEquals(0, reads.total(), "metadata lookups read no content");
    }

    @Test
    void leastRecentlyUsedFilesAreEvictedAndTooLargeOnesStream() throws IOException {
        CachingBlobStore s = cached(3000, Duration.ZERO);
        BlobInfo a = s.put("a", new ByteArrayInputStream(Fixtures.randomBytes(1000, 1)), Expectation.none());
        BlobInfo b = s.put("b", new ByteArrayInputStream(Fixtures.randomBytes(1000, 2)), Expectation.none());
        BlobInfo c = s.put("c", new ByteArrayInputStream(Fixtures.randomBytes(1500, 3)), Expectation.none());
        BlobInfo big = s.put("big", new ByteArrayInputStream(Fixtures.randomBytes(4000, 4)), Expectation.none());
        Path pa = s.localFile(a).orElseThrow();
        Path pb = s.localFile(b).orElseThrow();
        s.localFile(a); // a is now more recent than b
        Path pc = s.localFile(c).orElseThrow(); // 3500 > 3000: b goes
        assertTrue(Files.exists(pa));
        assertFalse(Files.exists(pb));
        assertTrue(Files.exists(pc));
        assertTrue(s.localFile(big).isEmpty(), "larger than the whole cache: streamed instead");
    }

    @Test
    void recentlyUsedFilesAreNeverEvicted() throws IOException {
        CachingBlobStore s = cached(1500, Duration.ofMinutes(5));
        BlobInfo a = s.put("a", new ByteArrayInputStream(Fixtures.randomBytes(1000, 5)), Expectation.none());
        BlobInfo b = s.put("b", new ByteArrayInputStream(Fixtures.randomBytes(1000, 6)), Expectation.none());
        Path pa = s.localFile(a).orElseThrow();
        assertTrue(s.localFile(b).isEmpty(), "no room without evicting a file just handed out: stream instead");
        assertTrue(Files.exists(pa));
    }

    @Test
    void unreachableObjectStorageMeansNoLocalFile() throws IOException {
        CachingBlobStore s = cached(64L * 1024 * 1024, Duration.ofSeconds(60));
        BlobInfo gone = new BlobInfo("x", 10, "0".repeat(64), "0".repeat(128), java.time.Instant.now(), "\"etag\"");
        assertTrue(s.localFile(gone).isEmpty());
    }
}
