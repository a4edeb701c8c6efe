package io.airlock.oci;

import static io.airlock.oci.RegistryTest.OTHER;
import static io.airlock.oci.RegistryTest.REPO;
import static io.airlock.oci.RegistryTest.in;
import static io.airlock.oci.RegistryTest.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.testkit.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob uploads ({@link Uploads}): sessions in the store, continued from any replica, verified before publishing. */
class UploadsTest {

    @TempDir
    Path dir;

    Registry registry;

    @BeforeEach
    void setUp() throws IOException {
        registry = new Registry(new FilesystemBlobStore(dir), Clock.systemUTC());
    }

    byte[] read(BlobInfo info) throws IOException {
        try (InputStream s = registry.open(info, 0, info.size())) {
            return s.readAllBytes();
        }
    }

    @Test
    void chunkedUploadContinuesFromAnyReplicaAndRefusesOutOfOrderChunks() throws IOException {
        byte[] content = Fixtures.randomBytes(300_000, 3);
        Digest d = Digest.sha256(content);
        UploadStatus started = registry.uploads().startUpload(REPO);
        assertEquals(0, started.size());
        assertEquals("0-0", started.range());

        registry.uploads()
                .appendChunk(
                        REPO,
                        started.id(),
                        OptionalLong.of(0),
                        OptionalLong.of(99_999),
                        in(slice(content, 0, 100_000)),
                        -1);
        // a second registry over the same store plays another replica
        Registry replica = new Registry(new FilesystemBlobStore(dir), Clock.systemUTC());
        UploadStatus status = replica.uploads().uploadStatus(REPO, started.id());
        assertEquals(100_000, status.size());
        assertEquals("0-99999", status.range());

        OciException outOfOrder = assertThrows(OciException.class, () -> replica.uploads()
                .appendChunk(REPO, started.id(), OptionalLong.of(150_000), OptionalLong.empty(), in(new byte[10]), 10));
        assertEquals(416, outOfOrder.status());
        assertEquals(OciError.BLOB_UPLOAD_INVALID, outOfOrder.error());

        OciException lengthMismatch = assertThrows(OciException.class, () -> replica.uploads()
                .appendChunk(
                        REPO, started.id(), OptionalLong.of(100_000), OptionalLong.of(100_009), in(new byte[10]), 11));
        assertEquals(OciError.SIZE_INVALID, lengthMismatch.error());

        replica.uploads()
                .appendChunk(
                        REPO,
                        started.id(),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        in(slice(content, 100_000, 250_000)),
                        150_000);
        registry.uploads().completeUpload(REPO, started.id(), d, in(slice(content, 250_000, 300_000)), 50_000);
        assertArrayEquals(content, read(registry.requireBlob(REPO, d)));
        assertEquals(
                OciError.BLOB_UPLOAD_UNKNOWN,
                assertThrows(OciException.class, () -> registry.uploads().uploadStatus(REPO, started.id()))
                        .error());
        assertEquals(
                List.of(), registry.store().list(RegistryLayout.UPLOADS, true).toList());
    }

    @Test
    void uploadsBelongToTheirRepositoryAndCanBeCancelled() throws IOException {
        UploadStatus s = registry.uploads().startUpload(REPO);
        assertThrows(OciException.class, () -> registry.uploads().uploadStatus(OTHER, s.id()));
        assertThrows(OciException.class, () -> registry.uploads().uploadStatus(REPO, "../../etc"));
        registry.uploads().appendChunk(REPO, s.id(), OptionalLong.empty(), OptionalLong.empty(), in(new byte[5]), 5);
        Digest wrong = Digest.sha256(new byte[] {7});
        assertEquals(
                OciError.DIGEST_INVALID,
                assertThrows(OciException.class, () -> registry.uploads()
                                .completeUpload(REPO, s.id(), wrong, in(new byte[0]), 0))
                        .error());
        assertTrue(registry.store().stat(RegistryLayout.blob(wrong)).isEmpty());
        registry.uploads().cancelUpload(REPO, s.id());
        assertThrows(OciException.class, () -> registry.uploads().uploadStatus(REPO, s.id()));
    }
}
