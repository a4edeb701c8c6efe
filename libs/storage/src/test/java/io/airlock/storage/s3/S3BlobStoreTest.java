package io.airlock.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BackendReads;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreContractTest;
import io.airlock.storage.Expectation;
import io.airlock.storage.StorageUnavailableException;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.S3ProxyServer;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real S3 API server (s3proxy in its own process). */
class S3BlobStoreTest extends BlobStoreContractTest {
    private static S3ProxyServer server;
    private static MinioClient client;

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

    private String prefix;

    @Override
    protected BlobStore store() throws IOException {
        prefix = "t-" + UUID.randomUUID() + "/";
        return new S3BlobStore(client, server.endpoint(), "airlock-contract", prefix, true);
    }

    @Test
    void storesOpenedAtOnceOnAMissingBucketAllStart() throws Exception {
        // A service opens several stores (one per prefix) on start threads of their own, and replicas start
        // together: each sees the bucket missing, one creates it, the others must not fail on "already yours".
        for (int round = 0; round < 5; round++) {
            String bucket = "race-" + round + "-" + UUID.randomUUID().toString().substring(0, 8);
            int stores = 6;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(stores);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(stores);
            try {
                java.util.List<java.util.concurrent.Future<BlobStore>> opened = new java.util.ArrayList<>();
                for (int i = 0; i < stores; i++) {
                    String p = "p" + i + "/";
                    opened.add(pool.submit(() -> {
                        start.await();
                        return new S3BlobStore(client, server.endpoint(), bucket, p, true);
                    }));
                }
                for (var f : opened) {
                    BlobStore s = f.get();
                    BlobInfo info = s.put("x", new ByteArrayInputStream(new byte[] {1}), Expectation.none());
                    assertEquals(1, info.size());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void objectsWrittenByOtherToolsAreAdoptedWithTheirDigests() throws Exception {
        BlobStore s = store();
        byte[] content = Fixtures.randomBytes(4000, 11);
        client.putObject(
                PutObjectArgs.builder().bucket("airlock-contract").object(prefix + "objects/copied-by-mc.zip").stream(
                                new ByteArrayInputStream(content), content.length, -1)
                        .build());
        BlobInfo info = s.stat("copied-by-mc.zip").orElseThrow();
        assertEquals(Fixtures.sha256Hex(content), info.sha256());
        assertEquals(Fixtures.sha512Hex(content), info.sha512());
        try (InputStream in = s.open(info, 0, info.size())) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void bytesReadFromObjectStorageAreCountedAsTheyAreRead() throws Exception {
        BackendReads reads = new BackendReads("s3");
        BlobStore s = new S3BlobStore(
                client, server.endpoint(), "airlock-contract", "t-" + UUID.randomUUID() + "/", true, reads);
        byte[] content = Fixtures.randomBytes(100_000, 12);
        BlobInfo info = s.put("counted.bin", new ByteArrayInputStream(content), Expectation.none());
        assertEquals(0, reads.total(), "a put reads nothing from object storage");
        try (InputStream in = s.open(info, 0, info.size())) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(content.length, reads.total());
        try (InputStream in = s.open(info, 1000, 5000)) {
            in.readNBytes(2000); // a client that goes away early: only what was read counts
        }
        assertEquals(content.length + 2000, reads.total());
    }

    @Test
    void uploadsAbandonedByAKilledReplicaAreSweptOnceOlderThanTheCutoff() throws Exception {
        BlobStore s = store();
        BlobInfo kept = s.put("kept.bin", new ByteArrayInputStream(Fixtures.randomBytes(5000, 13)), Expectation.none());
        MinioAsyncClient async = MinioAsyncClient.builder()
                .endpoint(server.endpoint())
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .build();
        // What a replica killed mid-put leaves: a multipart upload never completed, or a temporary object never
        // copied and removed (see .ci/checks/faults.sh for the real kill).
        async.createMultipartUploadAsync("airlock-contract", null, prefix + "uploads/" + UUID.randomUUID(), null, null)
                .get();
        byte[] temporary = Fixtures.randomBytes(1000, 14);
        client.putObject(
                PutObjectArgs.builder()
                        .bucket("airlock-contract")
                        .object(prefix + "uploads/" + UUID.randomUUID())
                        .stream(new ByteArrayInputStream(temporary), temporary.length, -1)
                        .build());
        AbandonedUploads abandoned = new AbandonedUploads(async, "airlock-contract", prefix);

        assertEquals(0, abandoned.removeBefore(Instant.now().minus(Duration.ofHours(1))), "younger uploads stay");
        assertEquals(2, abandoned.removeBefore(Instant.now().plus(Duration.ofMinutes(1))));
        assertEquals(0, abandoned.removeBefore(Instant.now().plus(Duration.ofMinutes(1))), "nothing left");
        assertEquals(kept, s.stat("kept.bin").orElseThrow(), "published objects are never touched");
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailable() throws IOException {
        MinioClient nowhere = MinioClient.builder()
                .endpoint("http://127.0.0.1:9")
                .credentials("a", "b")
                .build();
        BlobStore s = new S3BlobStore(nowhere, "http://127.0.0.1:9", "airlock-contract", "", false);
        assertThrows(StorageUnavailableException.class, () -> s.stat("x"));
        assertThrows(StorageUnavailableException.class, s::ping);
    }

    @Test
    void anObjectStoreThatHangsCostsTheIoTimeoutNotMinutes() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // accepts connections (the kernel does) but never answers: a hung object store
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            MinioClient hung = S3BlobStore.client(
                    endpoint,
                    "us-east-1",
                    java.util.Optional.of("a"),
                    java.util.Optional.of("b"),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1));
            BlobStore s = new S3BlobStore(hung, endpoint, "airlock-contract", "", false);
            long start = System.nanoTime();
            assertThrows(StorageUnavailableException.class, () -> s.stat("x"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 900 && millis < 10_000, "gave up after the 1 s I/O timeout, took " + millis + " ms");
        }
    }
}
