package io.airlock.trivydb;

import static io.airlock.trivydb.Oci.admin;
import static io.airlock.trivydb.Oci.pushBlob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.airlock.testkit.CatalogStubResource;
import io.airlock.testkit.Fixtures;
import io.airlock.trivydb.gc.GarbageCollectionJob;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trivy-specific rules on push, the status endpoint, the freshness metrics, what the catalog is told (a recording
 * stand-in for catalog-service), and garbage collection, through HTTP.
 */
@QuarkusTest
@QuarkusTestResource(CatalogStubResource.class)
class TrivyAwarenessTest {
    static final String UPDATED = "2024-05-01T06:17:46.227829829Z";
    static final String NEXT = "2024-05-02T06:17:46.227829829Z";

    @Inject
    GarbageCollectionJob gc;

    static String trivyRepo(String kind) {
        return Oci.uniqueRepo(kind).replace("/", "/aquasecurity/");
    }

    static Map<String, Object> status(String repo) {
        List<Map<String, Object>> all = given().get("/api/v1/trivy/status")
                .then()
                .statusCode(200)
                .extract()
                .path("repositories");
        return all.stream()
                .filter(r -> repo.equals(((Map<?, ?>) r.get("facts")).get("repository")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + repo + " in " + all));
    }

    @Test
    void aTrivyDbPushRecordsItsMetadata() {
        String repo = trivyRepo("trivy-db");
        // the database comes first in the tar, so the reader streams past it to metadata.json
        byte[] layer = Oci.trivyDbLayer("trivy.db", Fixtures.randomBytes(300_000, 1), Oci.metadataJson(UPDATED, NEXT));
        String digest = Oci.pushImage(repo, "2", Oci.DB_LAYER, layer);

        Map<String, Object> s = status(repo);
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) s.get("facts");
        assertEquals("DB", facts.get("artifact"));
        assertEquals("2", facts.get("tag"));
        assertEquals(digest, facts.get("manifestDigest"));
        assertEquals(Digest.sha256(layer).toString(), facts.get("layerDigest"));
        assertEquals(2, facts.get("version"));
        assertEquals(Instant.parse(UPDATED), Instant.parse((String) facts.get("updatedAt")));
        assertEquals(Instant.parse(NEXT), Instant.parse((String) facts.get("nextUpdate")));
        assertEquals(true, s.get("stale"));
        assertTrue(((Number) s.get("ageSeconds")).longValue() > 86_400);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                metrics.contains("airlock_trivy_db_age_seconds{repository=\"" + repo + "\"}"), "age gauge for " + repo);
        assertTrue(
                metrics.contains("airlock_trivy_db_next_update_timestamp_seconds{repository=\"" + repo + "\"} "
                        + "1.714630666E9"),
                "next update gauge for " + repo);

        // Trivy's pull: manifest by tag with its Accept list, then the layer, byte for byte
        given().accept(String.join(
                        ",",
                        MediaTypes.OCI_MANIFEST,
                        MediaTypes.DOCKER_MANIFEST,
                        MediaTypes.OCI_INDEX,
                        MediaTypes.DOCKER_MANIFEST_LIST))
                .get("/v2/" + repo + "/manifests/2")
                .then()
                .statusCode(200)
                .header("Docker-Content-Digest", digest)
                .body("layers[0].mediaType", equalTo(Oci.DB_LAYER));
        assertEquals(
                Digest.sha256(layer),
                Digest.sha256(given().get("/v2/" + repo + "/blobs/" + Digest.sha256(layer))
                        .asByteArray()));

        // the catalog learns the DB with its own freshness facts, so it can alert before NextUpdate matters
        String notice = CatalogStubResource.awaitNotice(
                body -> body.contains("\"name\":\"" + repo + "\""), Duration.ofSeconds(10));
        assertTrue(notice.contains("\"kind\":\"trivy-db\""), notice);
        assertTrue(notice.contains("\"digest\":\"" + Digest.sha256(layer) + "\""), notice);
        assertTrue(notice.contains("\"location\":\"registry.air-gapped.internal/" + repo + ":2\""), notice);
        assertTrue(notice.contains("\"validUntil\":\"2024-05-02T06:17:46.227829829Z\""), notice);
    }

    @Test
    void aJavaDbAndAChecksBundleAreRecognised() {
        String java = trivyRepo("trivy-java-db");
        byte[] layer =
                Oci.trivyDbLayer("trivy-java.db", Fixtures.randomBytes(1000, 2), Oci.metadataJson(UPDATED, NEXT));
        Oci.pushImage(java, "1", Oci.JAVA_DB_LAYER, layer);
        assertEquals("JAVA_DB", ((Map<?, ?>) status(java).get("facts")).get("artifact"));

        String checks = trivyRepo("trivy-checks");
        byte[] bundle = Oci.trivyDbLayer("policy.rego", "package x".getBytes(), null);
        Oci.pushImage(checks, "1", "application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip", bundle);
        Map<?, ?> facts = (Map<?, ?>) status(checks).get("facts");
        assertEquals("CHECKS", facts.get("artifact"));
        assertEquals(null, facts.get("updatedAt"));
    }

    @Test
    void trivyRepositoriesRefuseWhatTrivyCannotUse() {
        String repo = trivyRepo("trivy-db");
        byte[] good = Oci.trivyDbLayer("trivy.db", new byte[10], Oci.metadataJson(UPDATED, NEXT));
        // wrong media type
        pushRefused(repo, "application/vnd.oci.image.layer.v1.tar+gzip", good, "media type");
        // no metadata.json
        pushRefused(repo, Oci.DB_LAYER, Oci.trivyDbLayer("trivy.db", new byte[10], null), "no metadata.json");
        // not a tar.gz at all
        pushRefused(repo, Oci.DB_LAYER, Fixtures.randomBytes(100, 3), "tar.gz");
        // metadata.json that is not Trivy's
        pushRefused(repo, Oci.DB_LAYER, Oci.trivyDbLayer("trivy.db", new byte[1], "{\"x\":1}"), "metadata.json");
        // two layers
        Digest c = pushBlob(repo, Oci.EMPTY_CONFIG);
        Digest l = pushBlob(repo, good);
        String twoLayers =
                """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":2},
                 "layers":[{"mediaType":"%s","digest":"%s","size":%d},{"mediaType":"%s","digest":"%s","size":%d}]}"""
                        .formatted(
                                MediaTypes.OCI_MANIFEST,
                                Oci.TRIVY_CONFIG,
                                c,
                                Oci.DB_LAYER,
                                l,
                                good.length,
                                Oci.DB_LAYER,
                                l,
                                good.length);
        admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(twoLayers)
                .put("/v2/" + repo + "/manifests/2")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID"))
                .body("errors[0].detail", containsString("exactly one layer"));
        given().get("/v2/" + repo + "/manifests/2").then().statusCode(404);
        // other repositories take any layer
        Oci.pushImage(Oci.uniqueRepo("app"), "1", "application/vnd.oci.image.layer.v1.tar+gzip", good);
    }

    static void pushRefused(String repo, String layerType, byte[] layer, String because) {
        Digest c = pushBlob(repo, Oci.EMPTY_CONFIG);
        Digest l = pushBlob(repo, layer);
        admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(Oci.image(c, 2, Oci.TRIVY_CONFIG, layerType, l, layer.length))
                .put("/v2/" + repo + "/manifests/2")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID"))
                .body("errors[0].detail", containsString(because));
    }

    @Test
    void garbageCollectionKeepsWhatManifestsAndRecentPushesNeed() {
        String repo = Oci.uniqueRepo("app");
        Digest orphan = pushBlob(repo, Fixtures.randomBytes(100, 9));
        String digest = Oci.pushImage(repo, "1", "application/x-tar", Fixtures.randomBytes(100, 10));
        gc.run(); // everything is within the grace period
        given().get("/v2/" + repo + "/blobs/" + orphan).then().statusCode(200);
        given().get("/v2/" + repo + "/manifests/" + digest).then().statusCode(200);
        JsonPath manifest = given().get("/v2/" + repo + "/manifests/1").jsonPath();
        given().get("/v2/" + repo + "/blobs/" + manifest.getString("layers[0].digest"))
                .then()
                .statusCode(200);
    }
}
