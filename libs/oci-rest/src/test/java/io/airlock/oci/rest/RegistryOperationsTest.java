package io.airlock.oci.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.auth.AccessDecision;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.Reference;
import io.airlock.oci.Registry;
import io.airlock.oci.RepositoryName;
import io.airlock.oci.StoredManifest;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared registry rules over a real registry core on a local store, with a service's hooks written out: what both
 * registry services get without writing it themselves.
 */
class RegistryOperationsTest {
    static final String REPO = "falcosecurity/rules";
    static final AccessDecision ADMIN = new AccessDecision.Allowed("admin");

    @TempDir
    Path dir;

    Registry registry;
    Hooks hooks;
    RegistryOperations ops;

    /** A service's rules: decisions set by the test; pushes and deletes recorded. */
    static final class Hooks implements RegistryHooks {
        AccessDecision read = AccessDecision.Allowed.ANONYMOUS;
        AccessDecision write = ADMIN;
        String refuseTag;
        final List<String> events = new ArrayList<>();

        @Override
        public AccessDecision decideRead() {
            return read;
        }

        @Override
        public AccessDecision decideWrite() {
            return write;
        }

        @Override
        public String challenge(URI baseUri) {
            return "Basic realm=\"test\"";
        }

        @Override
        public ManifestPush manifestPush(RepositoryName repository, Reference reference) {
            return new ManifestPush() {
                @Override
                public void check(RepositoryName repo, Digest digest, Manifest manifest) {
                    if (reference.toString().equals(refuseTag)) {
                        throw new OciException(OciError.MANIFEST_INVALID, "not here");
                    }
                }

                @Override
                public void pushed(StoredManifest stored, Manifest manifest) {
                    events.add("pushed " + repository + ":" + reference + " " + stored.digest());
                }
            };
        }

        @Override
        public void deleted(RepositoryName repository, Reference reference) {
            events.add("deleted " + repository + ":" + reference);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        registry = new Registry(new FilesystemBlobStore(dir), Clock.systemUTC());
        hooks = new Hooks();
        ops = new RegistryOperations(registry, hooks);
    }

    static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    Digest blob(String repo, byte[] content) throws IOException {
        Digest d = Digest.sha256(content);
        ops.startUpload(repo, null, d.toString(), null, null, in(content), content.length);
        return d;
    }

    byte[] manifest(String repo, String extra) throws IOException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = Fixtures.randomBytes(100, extra.hashCode());
        Digest c = blob(repo, config);
        Digest l = blob(repo, layer);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                        + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + c + "\",\"size\":" + config.length
                        + "},\"layers\":[{\"mediaType\":\"application/x-tar\",\"digest\":\"" + l + "\",\"size\":"
                        + layer.length + "}]" + extra + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    RegistryOperations.PushedManifest push(String repo, String reference, byte[] m) throws IOException {
        return ops.putManifest(repo, null, reference, MediaTypes.OCI_MANIFEST, in(m), m.length);
    }

    @Test
    void aMountWithoutFromOrFromARepositoryWithoutTheBlobOpensASession() throws IOException {
        Digest d = blob(REPO, Fixtures.randomBytes(1000, 1));
        byte[] body = new byte[0];
        assertInstanceOf(
                RegistryOperations.UploadStart.Started.class,
                ops.startUpload("other/rules", null, null, d.toString(), null, in(body), 0));
        assertInstanceOf(
                RegistryOperations.UploadStart.Started.class,
                ops.startUpload("other/rules", null, null, d.toString(), "empty/repo", in(body), 0));
        assertThrows(OciException.class, () -> ops.blob("other/rules", null, d.toString()));

        RegistryOperations.UploadStart mounted =
                ops.startUpload("other/rules", null, null, d.toString(), REPO, in(body), 0);
        assertEquals(new RegistryOperations.UploadStart.Created(d), mounted);
        assertEquals(1000, ops.blob("other/rules", null, d.toString()).size());
    }

    @Test
    void aBlankArtifactTypeIsNoFilter() throws IOException {
        Digest subject = push(REPO, "1.0.0", manifest(REPO, "")).manifest().digest();
        String refers = ",\"artifactType\":\"application/vnd.example.sig\",\"subject\":{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":"
                + registry.requireManifest(RepositoryName.parse(REPO), subject).size() + "}";
        RegistryOperations.PushedManifest referrer = push(REPO, "sig", manifest(REPO, refers));
        assertEquals(subject, referrer.subject().orElseThrow());

        for (String none : new String[] {null, "", "  "}) {
            RegistryOperations.Referrers all = ops.referrers(REPO, null, subject.toString(), none);
            assertFalse(all.filtered(), "'" + none + "'");
            assertEquals(1, all.index().manifests().size(), "'" + none + "'");
        }
        RegistryOperations.Referrers sigs =
                ops.referrers(REPO, null, subject.toString(), "application/vnd.example.sig");
        assertTrue(sigs.filtered());
        assertEquals(1, sigs.index().manifests().size());
        RegistryOperations.Referrers other =
                ops.referrers(REPO, null, subject.toString(), "application/vnd.example.sbom");
        assertTrue(other.filtered());
        assertEquals(0, other.index().manifests().size());
    }

    @Test
    void refusalsAreOciErrorsWithTheDecisionsStatus() throws IOException {
        hooks.write = new AccessDecision.NeedsCredentials("send some");
        OciException e = assertThrows(OciException.class, () -> blob(REPO, new byte[] {1}));
        assertEquals(OciError.UNAUTHORIZED, e.error());
        assertEquals(401, e.status());

        hooks.write = new AccessDecision.WrongCredentials("wrong");
        e = assertThrows(
                OciException.class,
                () -> ops.deleteBlob(REPO, null, Digest.sha256(new byte[] {1}).toString()));
        assertEquals(OciError.UNAUTHORIZED, e.error());

        hooks.write = new AccessDecision.Forbidden("read only");
        e = assertThrows(OciException.class, () -> ops.startUpload(REPO, null, null, null, null, in(new byte[0]), 0));
        assertEquals(OciError.DENIED, e.error());
        assertEquals(403, e.status());

        hooks.read = new AccessDecision.NeedsCredentials("private");
        e = assertThrows(OciException.class, () -> ops.tags(REPO, null, -1, null));
        assertEquals(401, e.status());
        // a malformed request is the spec's 400 whoever sends it
        e = assertThrows(OciException.class, () -> ops.tags("Bad_Name", null, -1, null));
        assertEquals(OciError.NAME_INVALID, e.error());
    }

    @Test
    void thePingWantsCredentialsEvenWhereAnonymousReadsAreAllowed() {
        OciException e = assertThrows(OciException.class, ops::ping);
        assertEquals(OciError.UNAUTHORIZED, e.error());
        hooks.read = new AccessDecision.WrongCredentials("wrong");
        assertEquals(401, assertThrows(OciException.class, ops::ping).status());
        hooks.read = ADMIN;
        ops.ping();
        assertEquals("Basic realm=\"test\"", ops.challenge(URI.create("http://localhost/")));
    }

    @Test
    void theServicesManifestCheckRunsBeforePublishingAndItsFollowUpAfter() throws IOException {
        hooks.refuseTag = "bad";
        byte[] m = manifest(REPO, "");
        OciException e = assertThrows(OciException.class, () -> push(REPO, "bad", m));
        assertEquals(OciError.MANIFEST_INVALID, e.error());
        assertThrows(OciException.class, () -> ops.manifest(REPO, null, "bad"));
        assertEquals(List.of(), hooks.events);

        StoredManifest stored = push(REPO, "good", m).manifest();
        RegistryOperations.FoundManifest found = ops.manifest(REPO, null, "good");
        assertEquals(stored.digest(), found.manifest().digest());
        try (InputStream body = found.content().open(0, found.content().size())) {
            assertEquals(Digest.sha256(m), Digest.sha256(body.readAllBytes()));
        }
        ops.deleteManifest(REPO, null, "good");
        assertEquals(List.of("pushed " + REPO + ":good " + stored.digest(), "deleted " + REPO + ":good"), hooks.events);
    }

    @Test
    void aChunkedUploadReadsItsContentRangeOnce() throws IOException {
        byte[] content = Fixtures.randomBytes(20, 7);
        RegistryOperations.UploadStart.Started s = (RegistryOperations.UploadStart.Started)
                ops.startUpload(REPO, null, null, null, null, in(new byte[0]), 0);
        String id = s.status().id();
        OciException backwards =
                assertThrows(OciException.class, () -> ops.appendChunk(REPO, null, id, "10-5", in(new byte[6]), 6));
        assertEquals(OciError.BLOB_UPLOAD_INVALID, backwards.error());
        assertEquals(
                10,
                ops.appendChunk(REPO, null, id, "0-9", in(java.util.Arrays.copyOf(content, 10)), 10)
                        .size());
        OciException outOfOrder = assertThrows(
                OciException.class, () -> ops.appendChunk(REPO, null, id, "bytes 12-19", in(new byte[8]), 8));
        assertEquals(416, outOfOrder.status());
        assertEquals(
                OciError.DIGEST_INVALID,
                assertThrows(OciException.class, () -> ops.completeUpload(REPO, null, id, " ", in(new byte[0]), 0))
                        .error());
        Digest d = ops.completeUpload(
                REPO,
                null,
                id,
                Digest.sha256(content).toString(),
                in(java.util.Arrays.copyOfRange(content, 10, 20)),
                10);
        assertEquals(20, ops.blob(REPO, null, d.toString()).size());
    }
}
