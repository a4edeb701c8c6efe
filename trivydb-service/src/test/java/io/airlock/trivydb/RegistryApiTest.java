package io.airlock.trivydb;

import static io.airlock.trivydb.Oci.admin;
import static io.airlock.trivydb.Oci.pushBlob;
import static io.airlock.trivydb.Oci.uniqueRepo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.airlock.testkit.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The distribution API through HTTP, on the filesystem backend: every endpoint, and bad input on each. */
@QuarkusTest
class RegistryApiTest {

    static void assertError(Response r, int status, String code) {
        r.then().statusCode(status).contentType("application/json").body("errors[0].code", equalTo(code));
    }

    // ------------------------------------------------------------ ping, tokens, auth

    @Test
    void pingChallengesWithoutCredentialsAndAnswersWithThem() {
        given().get("/v2/")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer realm=\"http://localhost:"))
                .header("WWW-Authenticate", containsString("/v2/token\",service=\"airlock-trivydb\""))
                .header("Docker-Distribution-API-Version", "registry/2.0")
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        admin().get("/v2/").then().statusCode(200);
        given().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "registry.air-gapped.internal")
                .get("/v2/")
                .then()
                .statusCode(401)
                .header(
                        "WWW-Authenticate",
                        startsWith("Bearer realm=\"https://registry.air-gapped.internal/v2/token\""));
        given().auth().preemptive().basic("admin", "wrong").get("/v2/").then().statusCode(401);
        given().header("Authorization", "Bearer forged.token")
                .get("/v2/")
                .then()
                .statusCode(401);
    }

    @Test
    void tokenFlowGivesPullTokensToAnonymousAndPushTokensToTheAdmin() {
        String pull = given().queryParam("service", "airlock-trivydb")
                .queryParam("scope", "repository:aquasecurity/trivy-db:pull")
                .get("/v2/token")
                .then()
                .statusCode(200)
                .body("token", notNullValue())
                .body("access_token", notNullValue())
                .extract()
                .path("token");
        given().auth().oauth2(pull).get("/v2/").then().statusCode(200);
        String repo = uniqueRepo("app");
        assertError(given().auth().oauth2(pull).post("/v2/" + repo + "/blobs/uploads/"), 403, "DENIED");

        String push = admin().get("/v2/token").then().statusCode(200).extract().path("access_token");
        given().auth()
                .oauth2(push)
                .post("/v2/" + repo + "/blobs/uploads/")
                .then()
                .statusCode(202);
        assertError(given().auth().preemptive().basic("admin", "nope").get("/v2/token"), 401, "UNAUTHORIZED");
    }

    @Test
    void writesNeedCredentials() {
        String repo = uniqueRepo("app");
        byte[] blob = Fixtures.randomBytes(100, 1);
        Digest d = Digest.sha256(blob);
        assertError(
                given().queryParam("digest", d.toString()).body(blob).post("/v2/" + repo + "/blobs/uploads/"),
                401,
                "UNAUTHORIZED");
        assertError(
                given().auth().preemptive().basic("admin", "wrong").post("/v2/" + repo + "/blobs/uploads/"),
                401,
                "UNAUTHORIZED");
        assertError(
                given().contentType(MediaTypes.OCI_MANIFEST).body("{}").put("/v2/" + repo + "/manifests/1"),
                401,
                "UNAUTHORIZED");
        assertError(given().delete("/v2/" + repo + "/manifests/1"), 401, "UNAUTHORIZED");
        assertError(given().delete("/v2/" + repo + "/blobs/" + d), 401, "UNAUTHORIZED");
    }

    // ------------------------------------------------------------ blobs

    @Test
    void monolithicPushThenAnonymousPullWithHeadersAndRanges() {
        String repo = uniqueRepo("app");
        byte[] blob = Fixtures.randomBytes(100_000, 2);
        Digest d = pushBlob(repo, blob);

        given().head("/v2/" + repo + "/blobs/" + d)
                .then()
                .statusCode(200)
                .header("Content-Length", "100000")
                .header("Docker-Content-Digest", d.toString());
        byte[] got = given().get("/v2/" + repo + "/blobs/" + d)
                .then()
                .statusCode(200)
                .header("Content-Length", "100000")
                .header("Docker-Content-Digest", d.toString())
                .extract()
                .asByteArray();
        assertArrayEquals(blob, got);

        byte[] part = given().header("Range", "bytes=10-19")
                .get("/v2/" + repo + "/blobs/" + d)
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes 10-19/100000")
                .header("Content-Length", "10")
                .extract()
                .asByteArray();
        assertArrayEquals(Arrays.copyOfRange(blob, 10, 20), part);
        given().header("Range", "bytes=-5")
                .get("/v2/" + repo + "/blobs/" + d)
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes 99995-99999/100000");
        assertError(given().header("Range", "bytes=200000-").get("/v2/" + repo + "/blobs/" + d), 416, "SIZE_INVALID");
    }

    @Test
    void refusalsOfTheHttpFrameworkAreOciErrorsToo() {
        // found by TrivydbFuzzTest: no such endpoint was an HTML page, a wrong method or Content-Type had no body
        assertError(given().get("/v2/" + uniqueRepo("app") + "/no-such-endpoint"), 404, "UNSUPPORTED");
        assertError(given().delete("/v2/"), 405, "UNSUPPORTED");
        assertError(given().post("/api/v1/trivy/status"), 405, "UNSUPPORTED");
        assertError(
                admin().header("Content-Type", "/")
                        .body(new byte[] {1})
                        .post("/v2/" + uniqueRepo("app") + "/blobs/uploads/"),
                415,
                "UNSUPPORTED");
    }

    @Test
    void unknownAndMalformedBlobs() {
        String repo = uniqueRepo("app");
        Digest missing = Digest.sha256(new byte[] {1, 2, 3});
        assertError(given().get("/v2/" + repo + "/blobs/" + missing), 404, "BLOB_UNKNOWN");
        given().head("/v2/" + repo + "/blobs/" + missing).then().statusCode(404);
        assertError(given().get("/v2/" + repo + "/blobs/sha256:1234"), 400, "DIGEST_INVALID");
        assertError(given().get("/v2/" + repo + "/blobs/md5:abcd"), 400, "DIGEST_INVALID");
        assertError(given().get("/v2/Bad_Name/blobs/" + missing), 400, "NAME_INVALID");
        assertError(given().get("/v2/a//b/blobs/" + missing), 400, "NAME_INVALID");
        assertError(admin().delete("/v2/" + repo + "/blobs/" + missing), 404, "BLOB_UNKNOWN");
    }

    @Test
    void monolithicPushWithWrongDigestOrLengthIsRefused() {
        String repo = uniqueRepo("app");
        byte[] blob = Fixtures.randomBytes(1000, 3);
        Digest wrong = Digest.sha256(new byte[] {9});
        assertError(
                admin().queryParam("digest", wrong.toString()).body(blob).post("/v2/" + repo + "/blobs/uploads/"),
                400,
                "DIGEST_INVALID");
        given().get("/v2/" + repo + "/blobs/" + wrong).then().statusCode(404);
        assertError(
                admin().queryParam("digest", "sha256:zzz").body(blob).post("/v2/" + repo + "/blobs/uploads/"),
                400,
                "DIGEST_INVALID");
    }

    @Test
    void aBodyShorterThanItsContentLengthStoresNothing() throws Exception {
        String repo = uniqueRepo("app");
        byte[] blob = Fixtures.randomBytes(10, 11);
        Digest d = Digest.sha256(blob);
        int port = io.restassured.RestAssured.port;
        String auth = java.util.Base64.getEncoder()
                .encodeToString((Oci.USER + ":" + Oci.PASSWORD).getBytes(StandardCharsets.UTF_8));
        String status;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /v2/" + repo + "/blobs/uploads/?digest=" + d + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Basic " + auth + "\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: 20\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(blob);
            out.flush();
            socket.shutdownOutput(); // 10 of the 20 declared bytes, then the client is gone
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            status = answer.isEmpty() ? "closed" : answer.substring(9, 12);
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                status.equals("closed") || status.startsWith("4"), "no 5xx for a short body, got " + status);
        given().head("/v2/" + repo + "/blobs/" + d).then().statusCode(404);
    }

    @Test
    void chunkedUploadWithStatusOutOfOrderChunkAndCompletion() {
        String repo = uniqueRepo("app");
        byte[] blob = Fixtures.randomBytes(250_000, 4);
        Digest d = Digest.sha256(blob);
        Response started = admin().post("/v2/" + repo + "/blobs/uploads/");
        started.then()
                .statusCode(202)
                .header("Location", startsWith("/v2/" + repo + "/blobs/uploads/"))
                .header("Range", "0-0")
                .header("Docker-Upload-UUID", notNullValue());
        String location = started.header("Location");

        admin().header("Content-Range", "0-99999")
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 0, 100_000))
                .patch(location)
                .then()
                .statusCode(202)
                .header("Location", location)
                .header("Range", "0-99999");
        admin().get(location).then().statusCode(204).header("Range", "0-99999").header("Location", location);

        // a chunk that does not start where the upload stands
        assertError(
                admin().header("Content-Range", "150000-150009")
                        .contentType("application/octet-stream")
                        .body(new byte[10])
                        .patch(location),
                416,
                "BLOB_UPLOAD_INVALID");
        // a Content-Range that disagrees with the body's length
        assertError(
                admin().header("Content-Range", "100000-100099")
                        .contentType("application/octet-stream")
                        .body(new byte[10])
                        .patch(location),
                400,
                "SIZE_INVALID");
        assertError(
                admin().header("Content-Range", "garbage")
                        .contentType("application/octet-stream")
                        .body(new byte[10])
                        .patch(location),
                400,
                "BLOB_UPLOAD_INVALID");

        admin().header("Content-Range", "100000-199999")
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 100_000, 200_000))
                .patch(location)
                .then()
                .statusCode(202)
                .header("Range", "0-199999");
        assertError(admin().contentType("application/octet-stream").put(location), 400, "DIGEST_INVALID");
        admin().queryParam("digest", d.toString())
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 200_000, 250_000))
                .put(location)
                .then()
                .statusCode(201)
                .header("Location", "/v2/" + repo + "/blobs/" + d)
                .header("Docker-Content-Digest", d.toString());
        assertArrayEquals(blob, given().get("/v2/" + repo + "/blobs/" + d).asByteArray());
        assertError(admin().get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void postThenPutWithTheWholeBodyAndCancel() {
        String repo = uniqueRepo("app");
        byte[] blob = Fixtures.randomBytes(5000, 5);
        Digest d = Digest.sha256(blob);
        String location = admin().post("/v2/" + repo + "/blobs/uploads/").header("Location");
        admin().queryParam("digest", d.toString())
                .contentType("application/octet-stream")
                .body(blob)
                .put(location)
                .then()
                .statusCode(201);
        given().head("/v2/" + repo + "/blobs/" + d).then().statusCode(200);

        String other = admin().post("/v2/" + repo + "/blobs/uploads/").header("Location");
        admin().delete(other).then().statusCode(204);
        assertError(admin().get(other), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(admin().get("/v2/" + repo + "/blobs/uploads/not-a-session"), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(
                admin().get("/v2/" + uniqueRepo("elsewhere") + "/blobs/uploads/"
                        + location.substring(location.lastIndexOf('/') + 1)),
                404,
                "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void crossRepositoryMount() {
        String from = uniqueRepo("source");
        String to = uniqueRepo("target");
        byte[] blob = Fixtures.randomBytes(3000, 6);
        Digest d = pushBlob(from, blob);
        given().get("/v2/" + to + "/blobs/" + d).then().statusCode(404);
        admin().queryParam("mount", d.toString())
                .queryParam("from", from)
                .post("/v2/" + to + "/blobs/uploads/")
                .then()
                .statusCode(201)
                .header("Location", "/v2/" + to + "/blobs/" + d)
                .header("Docker-Content-Digest", d.toString());
        assertArrayEquals(blob, given().get("/v2/" + to + "/blobs/" + d).asByteArray());
        // not in the source: an ordinary upload session instead
        Digest absent = Digest.sha256(new byte[] {4});
        admin().queryParam("mount", absent.toString())
                .queryParam("from", from)
                .post("/v2/" + to + "/blobs/uploads/")
                .then()
                .statusCode(202)
                .header("Location", startsWith("/v2/" + to + "/blobs/uploads/"));
        admin().delete("/v2/" + to + "/blobs/" + d).then().statusCode(202);
        given().get("/v2/" + to + "/blobs/" + d).then().statusCode(404);
        given().get("/v2/" + from + "/blobs/" + d).then().statusCode(200);
    }

    // ------------------------------------------------------------ manifests

    @Test
    void manifestPushAndPullByTagAndDigest() {
        String repo = uniqueRepo("app");
        byte[] layer = Fixtures.randomBytes(2000, 7);
        String digest = Oci.pushImage(repo, "v1", "application/vnd.oci.image.layer.v1.tar+gzip", layer);
        byte[] body = given().accept(MediaTypes.OCI_MANIFEST + ", " + MediaTypes.DOCKER_MANIFEST)
                .get("/v2/" + repo + "/manifests/v1")
                .then()
                .statusCode(200)
                .contentType(MediaTypes.OCI_MANIFEST)
                .header("Docker-Content-Digest", digest)
                .extract()
                .asByteArray();
        given().get("/v2/" + repo + "/manifests/v1").then().header("Content-Length", String.valueOf(body.length));
        assertArrayEquals(
                body, given().get("/v2/" + repo + "/manifests/" + digest).asByteArray());
        given().head("/v2/" + repo + "/manifests/v1")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", digest)
                .header("Content-Type", MediaTypes.OCI_MANIFEST)
                .header("Content-Length", String.valueOf(body.length));
        assertError(given().get("/v2/" + repo + "/manifests/v2"), 404, "MANIFEST_UNKNOWN");
        given().head("/v2/" + repo + "/manifests/v2").then().statusCode(404);
        assertError(given().get("/v2/" + repo + "/manifests/-bad-"), 400, "MANIFEST_INVALID");
        assertError(given().get("/v2/" + repo + "/manifests/sha256:0"), 400, "DIGEST_INVALID");

        // pushing by digest: it must be the document's digest
        admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(body)
                .put("/v2/" + repo + "/manifests/" + digest)
                .then()
                .statusCode(201)
                .header("Docker-Content-Digest", digest);
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST)
                        .body(body)
                        .put("/v2/" + repo + "/manifests/" + Digest.sha256(new byte[] {1})),
                400,
                "DIGEST_INVALID");
    }

    @Test
    void badManifestsAreRefused() {
        String repo = uniqueRepo("app");
        Digest missing = Digest.sha256(new byte[] {5});
        Digest config = pushBlob(repo, Oci.EMPTY_CONFIG);
        String needsMissingLayer = Oci.image(config, 2, MediaTypes.OCI_EMPTY, "application/x-tar", missing, 10);
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST)
                        .body(needsMissingLayer)
                        .put("/v2/" + repo + "/manifests/1"),
                400,
                "MANIFEST_BLOB_UNKNOWN");
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST).body("not json").put("/v2/" + repo + "/manifests/1"),
                400,
                "MANIFEST_INVALID");
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST)
                        .body(
                                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:12\",\"size\":1}}")
                        .put("/v2/" + repo + "/manifests/1"),
                400,
                "MANIFEST_INVALID");
        assertError(
                admin().contentType(MediaTypes.DOCKER_MANIFEST)
                        .body(Oci.image(config, 2, MediaTypes.OCI_EMPTY, "application/x-tar", config, 2))
                        .put("/v2/" + repo + "/manifests/1"),
                400,
                "MANIFEST_INVALID");
        // size in the descriptor that does not match the blob
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST)
                        .body(Oci.image(config, 3, MediaTypes.OCI_EMPTY, "application/x-tar", config, 2))
                        .put("/v2/" + repo + "/manifests/1"),
                400,
                "MANIFEST_INVALID");
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST).body("{}").put("/v2/" + repo + "/manifests/bad:tag"),
                400,
                "DIGEST_INVALID");
        assertError(
                admin().contentType(MediaTypes.OCI_MANIFEST).body("{}").put("/v2/UPPER/manifests/1"),
                400,
                "NAME_INVALID");
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(huge)
                .put("/v2/" + repo + "/manifests/1")
                .then()
                .statusCode(413)
                .body("errors[0].code", equalTo("SIZE_INVALID"));
        assertError(given().get("/v2/" + repo + "/manifests/1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void indexNeedsItsManifests() {
        String repo = uniqueRepo("multi");
        String child = Oci.pushImage(repo, "amd64", "application/vnd.oci.image.layer.v1.tar+gzip", new byte[] {1});
        long childSize = given().get("/v2/" + repo + "/manifests/" + child).asByteArray().length;
        String index =
                """
                {"schemaVersion":2,"mediaType":"%s","manifests":[{"mediaType":"%s","digest":"%s","size":%d,
                 "platform":{"architecture":"amd64","os":"linux"}}]}"""
                        .formatted(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, child, childSize);
        admin().contentType(MediaTypes.OCI_INDEX)
                .body(index)
                .put("/v2/" + repo + "/manifests/latest")
                .then()
                .statusCode(201);
        given().get("/v2/" + repo + "/manifests/latest").then().statusCode(200).contentType(MediaTypes.OCI_INDEX);
        String broken = index.replace(child, Digest.sha256(new byte[] {8}).toString());
        assertError(
                admin().contentType(MediaTypes.OCI_INDEX).body(broken).put("/v2/" + repo + "/manifests/x"),
                400,
                "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void tagsAreListedAndPaged() {
        String repo = uniqueRepo("app");
        String digest = Oci.pushImage(repo, "b", "application/x-tar", new byte[] {1});
        byte[] body = given().get("/v2/" + repo + "/manifests/b").asByteArray();
        for (String tag : new String[] {"a", "c", "d"}) {
            admin().contentType(MediaTypes.OCI_MANIFEST)
                    .body(body)
                    .put("/v2/" + repo + "/manifests/" + tag)
                    .then()
                    .statusCode(201);
        }
        given().get("/v2/" + repo + "/tags/list")
                .then()
                .statusCode(200)
                .body("name", equalTo(repo))
                .body("tags", contains("a", "b", "c", "d"))
                .header("Link", nullValue());
        given().queryParam("n", 2)
                .get("/v2/" + repo + "/tags/list")
                .then()
                .body("tags", contains("a", "b"))
                .header("Link", equalTo("</v2/" + repo + "/tags/list?n=2&last=b>; rel=\"next\""));
        given().queryParam("n", 2)
                .queryParam("last", "b")
                .get("/v2/" + repo + "/tags/list")
                .then()
                .body("tags", contains("c", "d"))
                .header("Link", nullValue());
        given().queryParam("n", 0).get("/v2/" + repo + "/tags/list").then().body("tags", empty());
        assertError(given().queryParam("n", "x").get("/v2/" + repo + "/tags/list"), 400, "UNSUPPORTED");
        assertError(given().get("/v2/" + uniqueRepo("none") + "/tags/list"), 404, "NAME_UNKNOWN");

        admin().delete("/v2/" + repo + "/manifests/a").then().statusCode(202);
        given().get("/v2/" + repo + "/tags/list").then().body("tags", contains("b", "c", "d"));
        admin().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(202);
        given().get("/v2/" + repo + "/tags/list").then().body("tags", empty());
        assertError(given().get("/v2/" + repo + "/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
        assertError(admin().delete("/v2/" + repo + "/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void referrersWithArtifactTypeFilter() {
        String repo = uniqueRepo("app");
        String subject = Oci.pushImage(repo, "1", "application/x-tar", new byte[] {1});
        long subjectSize = given().get("/v2/" + repo + "/manifests/1").asByteArray().length;
        Digest config = pushBlob(repo, Oci.EMPTY_CONFIG);
        Digest layer = pushBlob(repo, "sbom".getBytes(StandardCharsets.UTF_8));
        String sbom =
                """
                {"schemaVersion":2,"mediaType":"%s","artifactType":"application/spdx+json",
                 "config":{"mediaType":"%s","digest":"%s","size":2},
                 "layers":[{"mediaType":"application/spdx+json","digest":"%s","size":4}],
                 "subject":{"mediaType":"%s","digest":"%s","size":%d},
                 "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}"""
                        .formatted(
                                MediaTypes.OCI_MANIFEST,
                                MediaTypes.OCI_EMPTY,
                                config,
                                layer,
                                MediaTypes.OCI_MANIFEST,
                                subject,
                                subjectSize);
        String sbomDigest = admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(sbom)
                .put("/v2/" + repo + "/manifests/" + Digest.sha256(sbom.getBytes(StandardCharsets.UTF_8)))
                .then()
                .statusCode(201)
                .header("OCI-Subject", subject)
                .extract()
                .header("Docker-Content-Digest");

        given().get("/v2/" + repo + "/referrers/" + subject)
                .then()
                .statusCode(200)
                .contentType(MediaTypes.OCI_INDEX)
                .header("OCI-Filters-Applied", nullValue())
                .body("schemaVersion", is(2))
                .body("mediaType", equalTo(MediaTypes.OCI_INDEX))
                .body("manifests", hasSize(1))
                .body("manifests[0].digest", equalTo(sbomDigest))
                .body("manifests[0].artifactType", equalTo("application/spdx+json"))
                .body("manifests[0].annotations.'org.opencontainers.image.created'", equalTo("2024-01-01T00:00:00Z"));
        given().queryParam("artifactType", "application/spdx+json")
                .get("/v2/" + repo + "/referrers/" + subject)
                .then()
                .header("OCI-Filters-Applied", "artifactType")
                .body("manifests", hasSize(1));
        given().queryParam("artifactType", "application/other")
                .get("/v2/" + repo + "/referrers/" + subject)
                .then()
                .header("OCI-Filters-Applied", "artifactType")
                .body("manifests", empty());
        given().get("/v2/" + repo + "/referrers/" + Digest.sha256(new byte[] {3}))
                .then()
                .statusCode(200)
                .body("manifests", empty());
        assertError(given().get("/v2/" + repo + "/referrers/nope"), 400, "DIGEST_INVALID");
    }
}
