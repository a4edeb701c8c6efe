package io.airlock.oci.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.Registry;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * containerd's {@code ?ns=}: one registry mirrors many upstreams, each image under its upstream's full name, whether a
 * client names the upstream in {@code ns} or in the path.
 */
class RepositoryNamespaceTest {
    @TempDir
    Path dir;

    RegistryOperations ops;

    @BeforeEach
    void setUp() throws IOException {
        ops = new RegistryOperations(
                new Registry(new FilesystemBlobStore(dir), Clock.systemUTC()), new RegistryOperationsTest.Hooks());
    }

    @ParameterizedTest
    @CsvSource({
        "library/nginx, docker.io, docker.io/library/nginx",
        "nginx, docker.io, docker.io/library/nginx",
        "library/nginx, index.docker.io, docker.io/library/nginx",
        "nginx, registry-1.docker.io, docker.io/library/nginx",
        "bitnami/redis, docker.io, docker.io/bitnami/redis",
        "pause, registry.k8s.io, registry.k8s.io/pause",
        "prometheus/prometheus, quay.io, quay.io/prometheus/prometheus",
        "prometheus/prometheus, Quay.IO, quay.io/prometheus/prometheus",
        "app, localhost:5000, localhost_5000/app",
        "team/app, harbor.example:8443, harbor.example_8443/team/app",
    })
    void nsNamesTheUpstreamAndThePathIsUnderIt(String name, String ns, String repository) {
        assertEquals(repository, ops.repository(name, ns).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.io/library/nginx", "aquasecurity/trivy-db", "nginx", "localhost_5000/app"})
    void withoutNsTheNameIsTheRepositoryAsSent(String name) {
        assertEquals(name, ops.repository(name, null).value());
        assertEquals(name, ops.repository(name, "").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "docker.io/library", "bad host", "quay.io:port", "-quay.io", "quay..io", "a_b.io"})
    void aMalformedNsIsNameInvalid(String ns) {
        OciException e = assertThrows(OciException.class, () -> ops.repository("library/nginx", ns));
        assertEquals(OciError.NAME_INVALID, e.error());
        assertEquals(400, e.status());
    }

    @Test
    void aMalformedNameIsNameInvalidWithNsToo() {
        assertEquals(
                OciError.NAME_INVALID,
                assertThrows(OciException.class, () -> ops.repository("Library/Nginx", "docker.io"))
                        .error());
    }

    @Test
    void twoUpstreamsWithTheSamePathKeepTheirOwnContentAndTheFullNameReachesIt() throws IOException {
        Digest quay = push("prometheus/prometheus", "quay.io", "v2.53", 1);
        Digest hub = push("prometheus/prometheus", "docker.io", "v2.53", 2);
        assertNotEquals(quay, hub);

        assertEquals(
                quay,
                ops.manifest("prometheus/prometheus", "quay.io", "v2.53")
                        .manifest()
                        .digest());
        assertEquals(
                hub,
                ops.manifest("prometheus/prometheus", "docker.io", "v2.53")
                        .manifest()
                        .digest());
        assertEquals(
                quay,
                ops.manifest("quay.io/prometheus/prometheus", null, "v2.53")
                        .manifest()
                        .digest());
        assertEquals(
                hub,
                ops.manifest("docker.io/prometheus/prometheus", null, "v2.53")
                        .manifest()
                        .digest());
        assertEquals(
                List.of("v2.53"),
                ops.tags("prometheus/prometheus", "quay.io", -1, null).tags());
        assertEquals(
                "quay.io/prometheus/prometheus",
                ops.tags("prometheus/prometheus", "quay.io", -1, null).name());
        // the path alone is neither of them
        assertEquals(
                OciError.MANIFEST_UNKNOWN,
                assertThrows(OciException.class, () -> ops.manifest("prometheus/prometheus", null, "v2.53"))
                        .error());
    }

    @Test
    void blobsPushedWithNsAreReadUnderTheFullNameOnly() throws IOException {
        byte[] content = Fixtures.randomBytes(300, 9);
        Digest d = Digest.sha256(content);
        ops.startUpload("pause", "registry.k8s.io", d.toString(), null, null, in(content), content.length);
        assertEquals(300, ops.blob("pause", "registry.k8s.io", d.toString()).size());
        assertEquals(300, ops.blob("registry.k8s.io/pause", null, d.toString()).size());
        assertEquals(
                OciError.BLOB_UNKNOWN,
                assertThrows(OciException.class, () -> ops.blob("pause", "docker.io", d.toString()))
                        .error());
        // a mount within the upstream: from is under the same ns
        assertEquals(
                new RegistryOperations.UploadStart.Created(d),
                ops.startUpload("pause-copy", "registry.k8s.io", null, d.toString(), "pause", in(new byte[0]), 0));
        assertEquals(
                300, ops.blob("registry.k8s.io/pause-copy", null, d.toString()).size());
    }

    private Digest push(String name, String ns, String tag, int seed) throws IOException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = Fixtures.randomBytes(100, seed);
        for (byte[] b : List.of(config, layer)) {
            ops.startUpload(name, ns, Digest.sha256(b).toString(), null, null, in(b), b.length);
        }
        byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                        + "\",\"config\":{\"mediaType\":\""
                        + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":"
                        + config.length + "},\"layers\":[{\"mediaType\":\"application/x-tar\",\"digest\":\""
                        + Digest.sha256(layer) + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        return ops.putManifest(name, ns, tag, MediaTypes.OCI_MANIFEST, in(m), m.length)
                .manifest()
                .digest();
    }

    private static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
