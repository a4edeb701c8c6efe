package io.airlock.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
    static final RepositoryName REPO = RepositoryName.parse("aquasecurity/trivy-db");
    static final RepositoryName OTHER = RepositoryName.parse("mirror/trivy-db");

    @TempDir
    Path dir;

    Registry registry;

    @BeforeEach
    void setUp() throws IOException {
        registry = new Registry(new FilesystemBlobStore(dir), Clock.systemUTC());
    }

    static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    byte[] read(BlobInfo info) throws IOException {
        try (InputStream s = registry.open(info, 0, info.size())) {
            return s.readAllBytes();
        }
    }

    Digest pushBlob(RepositoryName repo, byte[] content) throws IOException {
        Digest d = Digest.sha256(content);
        registry.uploads().putBlob(repo, d, in(content), content.length);
        return d;
    }

    static byte[] manifest(Digest config, long configSize, Digest layer, long layerSize, String extra) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + config
                        + "\",\"size\":" + configSize + "},"
                        + "\"layers\":[{\"mediaType\":\"application/x-tar\",\"digest\":\"" + layer + "\",\"size\":"
                        + layerSize + "}]" + extra + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    StoredManifest pushImage(RepositoryName repo, String tag, String extra) throws IOException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = Fixtures.randomBytes(1000, tag.hashCode());
        Digest c = pushBlob(repo, config);
        Digest l = pushBlob(repo, layer);
        byte[] m = manifest(c, config.length, l, layer.length, extra);
        return registry.putManifest(repo, Tag.parse(tag), MediaTypes.OCI_MANIFEST, in(m), m.length, ManifestCheck.NONE);
    }

    @Test
    void monolithicBlobIsSharedByContentAndLinkedPerRepository() throws IOException {
        byte[] content = Fixtures.randomBytes(200_000, 1);
        Digest d = pushBlob(REPO, content);
        assertArrayEquals(content, read(registry.requireBlob(REPO, d)));
        assertTrue(registry.blob(OTHER, d).isEmpty());
        assertTrue(registry.mount(OTHER, d, REPO));
        assertArrayEquals(content, read(registry.requireBlob(OTHER, d)));
        registry.deleteBlob(REPO, d);
        assertTrue(registry.blob(REPO, d).isEmpty());
        assertTrue(registry.blob(OTHER, d).isPresent());
        assertFalse(registry.mount(REPO, Digest.sha256(new byte[] {9}), OTHER));
        assertEquals(
                OciError.BLOB_UNKNOWN,
                assertThrows(OciException.class, () -> registry.deleteBlob(REPO, d))
                        .error());
    }

    @Test
    void aWrongDigestOrSizeLeavesNothing() throws IOException {
        byte[] content = Fixtures.randomBytes(1000, 2);
        Digest wrong = Digest.sha256(new byte[] {1});
        OciException e = assertThrows(
                OciException.class, () -> registry.uploads().putBlob(REPO, wrong, in(content), content.length));
        assertEquals(OciError.DIGEST_INVALID, e.error());
        assertTrue(registry.store().stat(RegistryLayout.blob(wrong)).isEmpty());
        assertTrue(registry.blob(REPO, wrong).isEmpty());

        Digest right = Digest.sha256(content);
        e = assertThrows(
                OciException.class, () -> registry.uploads().putBlob(REPO, right, in(content), content.length + 1));
        assertEquals(OciError.SIZE_INVALID, e.error());
        assertTrue(registry.store().stat(RegistryLayout.blob(right)).isEmpty());

        Digest sha512 = Digest.of("sha512", content);
        registry.uploads().putBlob(REPO, sha512, in(content), -1);
        assertArrayEquals(content, read(registry.requireBlob(REPO, sha512)));
        Digest wrong512 = Digest.of("sha512", new byte[] {3});
        assertEquals(
                OciError.DIGEST_INVALID,
                assertThrows(OciException.class, () -> registry.uploads().putBlob(REPO, wrong512, in(content), -1))
                        .error());
    }

    @Test
    void manifestsNeedTheirBlobsAndAreFoundByTagAndDigest() throws IOException {
        StoredManifest m = pushImage(REPO, "2", "");
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
        assertEquals(m.digest(), registry.requireManifest(REPO, Tag.parse("2")).digest());
        assertEquals(m.size(), registry.requireManifest(REPO, m.digest()).size());
        assertTrue(registry.manifest(OTHER, Tag.parse("2")).isEmpty());

        Digest missing = Digest.sha256(new byte[] {42});
        byte[] bad = manifest(missing, 1, missing, 1, "");
        OciException e = assertThrows(
                OciException.class,
                () -> registry.putManifest(REPO, Tag.parse("3"), null, in(bad), bad.length, ManifestCheck.NONE));
        assertEquals(OciError.MANIFEST_BLOB_UNKNOWN, e.error());
        assertTrue(registry.manifest(REPO, Tag.parse("3")).isEmpty());

        byte[] doc = read(m.blob());
        Digest other = Digest.sha256(new byte[] {1});
        e = assertThrows(
                OciException.class,
                () -> registry.putManifest(REPO, other, null, in(doc), doc.length, ManifestCheck.NONE));
        assertEquals(OciError.DIGEST_INVALID, e.error());

        e = assertThrows(
                OciException.class,
                () -> registry.putManifest(
                        REPO, Tag.parse("big"), null, in(new byte[Manifests.MAX_SIZE + 1]), -1, ManifestCheck.NONE));
        assertEquals(413, e.status());

        e = assertThrows(
                OciException.class,
                () -> registry.putManifest(REPO, Tag.parse("x"), null, in(doc), doc.length, (r, d, man) -> {
                    throw new OciException(OciError.MANIFEST_INVALID, "refused by the service");
                }));
        assertEquals("refused by the service", e.detail());
        assertTrue(registry.manifest(REPO, Tag.parse("x")).isEmpty());
    }

    @Test
    void tagMovesAndDeletesOnAnotherReplicaAreSeenAtOnce() throws IOException {
        Registry replica = new Registry(new FilesystemBlobStore(dir), Clock.systemUTC());
        StoredManifest first = pushImage(REPO, "2", "");
        assertEquals(
                first.digest(), registry.requireManifest(REPO, Tag.parse("2")).digest()); // link remembered
        StoredManifest second = replica.putManifest(
                REPO,
                Tag.parse("2"),
                MediaTypes.OCI_MANIFEST,
                in(read(first.blob())),
                first.size(),
                ManifestCheck.NONE);
        assertEquals(first.digest(), second.digest(), "same bytes pushed again");
        StoredManifest moved = pushImageOn(replica, REPO, "2", ",\"annotations\":{\"v\":\"2\"}");
        assertEquals(
                moved.digest(), registry.requireManifest(REPO, Tag.parse("2")).digest(), "tag moved elsewhere");
        assertEquals(
                MediaTypes.OCI_MANIFEST,
                registry.requireManifest(REPO, Tag.parse("2")).mediaType());

        replica.deleteManifest(REPO, moved.digest());
        assertTrue(registry.manifest(REPO, Tag.parse("2")).isEmpty(), "deleted elsewhere: its tag went first");
        assertTrue(registry.manifest(REPO, moved.digest()).isEmpty(), "by digest the link is read every time");
        assertTrue(registry.manifest(REPO, first.digest()).isPresent());
    }

    StoredManifest pushImageOn(Registry on, RepositoryName repo, String tag, String extra) throws IOException {
        Registry saved = registry;
        registry = on;
        try {
            return pushImage(repo, tag, extra);
        } finally {
            registry = saved;
        }
    }

    @Test
    void tagsArePagedInLexicalOrder() throws IOException {
        StoredManifest m = pushImage(REPO, "b", "");
        for (String t : List.of("a", "c", "d")) {
            byte[] doc = read(m.blob());
            registry.putManifest(REPO, Tag.parse(t), null, in(doc), doc.length, ManifestCheck.NONE);
        }
        assertEquals(List.of("a", "b", "c", "d"), registry.tags(REPO, -1, null).tags());
        TagPage first = registry.tags(REPO, 2, null);
        assertEquals(List.of("a", "b"), first.tags());
        assertEquals(Optional.of("b"), first.next());
        TagPage second = registry.tags(REPO, 2, "b");
        assertEquals(List.of("c", "d"), second.tags());
        assertEquals(Optional.empty(), second.next());
        assertEquals(
                OciError.NAME_UNKNOWN,
                assertThrows(OciException.class, () -> registry.tags(OTHER, -1, null))
                        .error());

        registry.deleteManifest(REPO, Tag.parse("a"));
        assertEquals(List.of("b", "c", "d"), registry.tags(REPO, -1, null).tags());
        registry.deleteManifest(REPO, m.digest());
        assertEquals(List.of(), registry.tags(REPO, -1, null).tags());
        assertTrue(registry.manifest(REPO, m.digest()).isEmpty());
        assertThrows(OciException.class, () -> registry.deleteManifest(REPO, m.digest()));
    }

    @Test
    void referrersAreListedAndFilteredByArtifactType() throws IOException {
        StoredManifest subject = pushImage(REPO, "2", "");
        String extra = ",\"artifactType\":\"application/vnd.example.sbom\",\"subject\":{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + subject.digest() + "\",\"size\":" + subject.size()
                + "}";
        StoredManifest sbom = pushImage(REPO, "sbom", extra);
        assertEquals(
                List.of(sbom.digest()),
                registry.referrers(REPO, subject.digest(), Optional.empty()).manifests().stream()
                        .map(Descriptor::digest)
                        .toList());
        Descriptor entry = registry.referrers(REPO, subject.digest(), Optional.of("application/vnd.example.sbom"))
                .manifests()
                .get(0);
        assertEquals("application/vnd.example.sbom", entry.artifactType());
        assertEquals(sbom.size(), entry.size());
        assertTrue(registry.referrers(REPO, subject.digest(), Optional.of("other"))
                .manifests()
                .isEmpty());
        registry.deleteManifest(REPO, sbom.digest());
        assertTrue(registry.referrers(REPO, subject.digest(), Optional.empty())
                .manifests()
                .isEmpty());
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
