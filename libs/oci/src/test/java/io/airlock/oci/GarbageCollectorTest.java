package io.airlock.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    static final RepositoryName REPO = RepositoryName.parse("aquasecurity/trivy-db");
    static final Duration GRACE = Duration.ofHours(1);
    static final Duration UPLOAD_AGE = Duration.ofHours(24);

    @TempDir
    Path dir;

    Registry registry;

    @BeforeEach
    void setUp() throws IOException {
        registry = new Registry(new FilesystemBlobStore(dir), Clock.systemUTC());
    }

    static GarbageCollector at(Registry registry, Duration later) {
        return new GarbageCollector(registry, Clock.fixed(Instant.now().plus(later), ZoneOffset.UTC));
    }

    Digest blob(byte[] content) throws IOException {
        Digest d = Digest.sha256(content);
        registry.uploads().putBlob(REPO, d, new ByteArrayInputStream(content), content.length);
        return d;
    }

    @Test
    void keepsReferencedAndYoungBlobsAndFreesTheRest() throws IOException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = Fixtures.randomBytes(500, 1);
        Digest c = blob(config);
        Digest l = blob(layer);
        Digest orphan = blob(Fixtures.randomBytes(700, 2));
        byte[] m = RegistryTest.manifest(c, config.length, l, layer.length, "");
        StoredManifest stored = registry.putManifest(
                REPO, Tag.parse("2"), null, new ByteArrayInputStream(m), m.length, ManifestCheck.NONE);

        // within the grace period nothing goes, not even the orphan
        assertEquals(
                new GarbageCollector.Report(0, 0, 0, 0),
                at(registry, Duration.ZERO).collect(GRACE, UPLOAD_AGE));

        GarbageCollector.Report later = at(registry, Duration.ofHours(2)).collect(GRACE, UPLOAD_AGE);
        assertEquals(1, later.blobsDeleted());
        assertEquals(700, later.bytesFreed());
        assertEquals(1, later.linksDeleted());
        assertTrue(registry.blob(REPO, orphan).isEmpty());
        assertTrue(registry.blob(REPO, l).isPresent());
        assertTrue(registry.blob(REPO, c).isPresent());
        assertTrue(registry.manifest(REPO, stored.digest()).isPresent());

        // once the manifest is deleted, its blobs and its own bytes go too
        registry.deleteManifest(REPO, stored.digest());
        GarbageCollector.Report after = at(registry, Duration.ofHours(2)).collect(GRACE, UPLOAD_AGE);
        assertEquals(3, after.blobsDeleted());
        assertTrue(registry.blob(REPO, l).isEmpty());
    }

    @Test
    void removesOnlyAbandonedUploads() throws IOException {
        UploadStatus s = registry.uploads().startUpload(REPO);
        registry.uploads()
                .appendChunk(
                        REPO,
                        s.id(),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        new ByteArrayInputStream(new byte[3]),
                        3);
        assertEquals(
                0, at(registry, Duration.ofHours(2)).collect(GRACE, UPLOAD_AGE).uploadsDeleted());
        assertEquals(3, registry.uploads().uploadStatus(REPO, s.id()).size());
        assertEquals(
                1, at(registry, Duration.ofHours(25)).collect(GRACE, UPLOAD_AGE).uploadsDeleted());
        assertTrue(registry.store().list(RegistryLayout.UPLOADS, true).findAny().isEmpty());
    }
}
