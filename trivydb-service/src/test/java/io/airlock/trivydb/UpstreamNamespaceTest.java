package io.airlock.trivydb;

import static io.airlock.trivydb.Oci.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.airlock.testkit.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The registry as one containerd mirror for many upstreams: containerd asks {@code /v2/<path>/...?ns=<upstream>}, a
 * prefix-style client asks {@code /v2/<upstream>/<path>/...}; both reach the image stored under its full upstream name,
 * with the same access rules and tokens as any other repository.
 */
@QuarkusTest
class UpstreamNamespaceTest {

    /** A path no other test (or earlier run over the same data directory) uses. */
    static String uniquePath(String suffix) {
        return "ns" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "/" + suffix;
    }

    static Digest pushBlob(Supplier<RequestSpecification> as, String path, String ns, byte[] content) {
        Digest d = Digest.sha256(content);
        as.get()
                .queryParam("ns", ns)
                .queryParam("digest", d.toString())
                .contentType("application/octet-stream")
                .body(content)
                .post("/v2/" + path + "/blobs/uploads/")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .header("Location", "/v2/" + fullName(path, ns) + "/blobs/" + d);
        return d;
    }

    /** Pushes config, layer and manifest with {@code ?ns=}; returns the manifest's digest. */
    static String pushImage(Supplier<RequestSpecification> as, String path, String ns, String tag, byte[] layer) {
        Digest c = pushBlob(as, path, ns, Oci.EMPTY_CONFIG);
        Digest l = pushBlob(as, path, ns, layer);
        String manifest =
                Oci.image(c, Oci.EMPTY_CONFIG.length, MediaTypes.OCI_EMPTY, "application/x-tar", l, layer.length);
        String digest = Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8)).toString();
        as.get()
                .queryParam("ns", ns)
                .contentType(MediaTypes.OCI_MANIFEST)
                .body(manifest.getBytes(StandardCharsets.UTF_8))
                .put("/v2/" + path + "/manifests/" + tag)
                .then()
                .statusCode(201)
                .header("Docker-Content-Digest", digest)
                .header("Location", "/v2/" + fullName(path, ns) + "/manifests/" + digest);
        return digest;
    }

    static String fullName(String path, String ns) {
        return ns + "/" + path;
    }

    @Test
    void samePathUnderTwoUpstreamsKeepsItsOwnContentReadAnonymouslyEitherWay() {
        String path = uniquePath("prometheus");
        byte[] quayLayer = Fixtures.randomBytes(2000, 1);
        String quay = pushImage(Oci::admin, path, "quay.io", "v2.53", quayLayer);
        String hub = pushImage(Oci::admin, path, "docker.io", "v2.53", Fixtures.randomBytes(2000, 2));
        assertNotEquals(quay, hub);

        // containerd's spelling (HEAD first, then GET), and the full name
        given().queryParam("ns", "quay.io")
                .head("/v2/" + path + "/manifests/v2.53")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", quay)
                .header("Content-Type", MediaTypes.OCI_MANIFEST);
        given().queryParam("ns", "docker.io")
                .get("/v2/" + path + "/manifests/v2.53")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", hub);
        given().queryParam("ns", "index.docker.io")
                .get("/v2/" + path + "/manifests/v2.53")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", hub);
        given().get("/v2/quay.io/" + path + "/manifests/v2.53")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", quay);
        given().get("/v2/docker.io/" + path + "/manifests/" + hub)
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", hub);

        Digest layer = Digest.sha256(quayLayer);
        byte[] got = given().queryParam("ns", "quay.io")
                .get("/v2/" + path + "/blobs/" + layer)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(quayLayer, got);
        given().queryParam("ns", "docker.io")
                .get("/v2/" + path + "/blobs/" + layer)
                .then()
                .statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UNKNOWN"));

        given().queryParam("ns", "quay.io")
                .get("/v2/" + path + "/tags/list")
                .then()
                .statusCode(200)
                .body("name", equalTo("quay.io/" + path))
                .body("tags[0]", equalTo("v2.53"));
        given().queryParam("ns", "quay.io")
                .get("/v2/" + path + "/referrers/" + quay)
                .then()
                .statusCode(200)
                .body("manifests.size()", equalTo(0));
        // the path alone is neither upstream's
        given().get("/v2/" + path + "/manifests/v2.53")
                .then()
                .statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void aOneComponentNameOnDockerHubIsUnderLibrary() {
        String name = "ns" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String digest = pushImage(Oci::admin, "library/" + name, "docker.io", "1.25", new byte[] {1, 2, 3});
        given().queryParam("ns", "docker.io")
                .get("/v2/" + name + "/manifests/1.25")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", digest);
        given().get("/v2/docker.io/library/" + name + "/manifests/1.25")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", digest);
    }

    @Test
    void aChunkedUploadWithNsContinuesAtTheFullNameItWasGiven() {
        String path = uniquePath("pause");
        byte[] content = Fixtures.randomBytes(5000, 3);
        String location = admin().queryParam("ns", "registry.k8s.io")
                .post("/v2/" + path + "/blobs/uploads/")
                .then()
                .statusCode(202)
                .header("Location", startsWith("/v2/registry.k8s.io/" + path + "/blobs/uploads/"))
                .extract()
                .header("Location");
        admin().contentType("application/octet-stream")
                .header("Content-Range", "0-4999")
                .body(content)
                .patch(location)
                .then()
                .statusCode(202);
        Digest d = Digest.sha256(content);
        admin().queryParam("digest", d.toString())
                .put(location)
                .then()
                .statusCode(201)
                .header("Location", "/v2/registry.k8s.io/" + path + "/blobs/" + d);
        given().queryParam("ns", "registry.k8s.io")
                .head("/v2/" + path + "/blobs/" + d)
                .then()
                .statusCode(200)
                .header("Content-Length", "5000");
    }

    @Test
    void aMalformedNsIsNameInvalid() {
        for (String ns : new String[] {" ", "docker.io/library", "quay.io:port", "bad_host.io"}) {
            given().queryParam("ns", ns)
                    .get("/v2/library/nginx/manifests/1.25")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(400)
                    .contentType("application/json")
                    .body("errors[0].code", equalTo("NAME_INVALID"));
        }
        given().queryParam("ns", "docker.io/library")
                .head("/v2/library/nginx/manifests/1.25")
                .then()
                .statusCode(400);
    }

    /**
     * containerd answers the Bearer challenge with a scope for the path it asked (without ns:
     * {@code repository:library/nginx:pull}); the tokens grant pull or push whatever the scope, so either spelling
     * works with them, and pushes still need a credential.
     */
    @Test
    void pushesNeedACredentialAndTokensWorkForEitherSpelling() {
        String path = uniquePath("app");
        given().queryParam("ns", "quay.io")
                .contentType(MediaTypes.OCI_MANIFEST)
                .body("{}")
                .put("/v2/" + path + "/manifests/1")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer realm="))
                .body("errors[0].code", equalTo("UNAUTHORIZED"));

        String push = admin().queryParam("service", "airlock-trivydb")
                .queryParam("scope", "repository:" + path + ":pull,push")
                .get("/v2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        String digest = pushImage(() -> given().auth().oauth2(push), path, "quay.io", "1", new byte[] {4, 5});

        String pull = given().queryParam("service", "airlock-trivydb")
                .queryParam("scope", "repository:" + path + ":pull")
                .get("/v2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        given().auth()
                .oauth2(pull)
                .queryParam("ns", "quay.io")
                .get("/v2/" + path + "/manifests/1")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", digest);
        given().auth()
                .oauth2(pull)
                .get("/v2/quay.io/" + path + "/manifests/1")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(pull)
                .queryParam("ns", "quay.io")
                .post("/v2/" + path + "/blobs/uploads/")
                .then()
                .statusCode(403)
                .body("errors[0].code", equalTo("DENIED"));
    }
}
