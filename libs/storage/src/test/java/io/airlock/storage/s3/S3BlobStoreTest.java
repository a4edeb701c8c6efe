package io.airlock.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreContractTest;
import io.airlock.storage.StorageUnavailableException;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.S3ProxyServer;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    void anUnreachableServerIsReportedAsUnavailable() throws IOException {
        MinioClient nowhere = MinioClient.builder()
                .endpoint("http://127.0.0.1:9")
                .credentials("a", "b")
                .build();
        BlobStore s = new S3BlobStore(nowhere, "http://127.0.0.1:9", "airlock-contract", "", false);
        assertThrows(StorageUnavailableException.class, () -> s.stat("x"));
        assertThrows(StorageUnavailableException.class, s::ping);
    }
}
