package io.airlock.trivydb;

import static io.airlock.trivydb.Oci.admin;
import static io.airlock.trivydb.Oci.pushBlob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.S3StorageResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The registry on real S3 (s3proxy in its own process): pushes, pulls, uploads across requests, storage outages. */
@QuarkusTest
@QuarkusTestResource(value = S3StorageResource.class, restrictToAnnotatedClass = true)
class S3RegistryTest {

    @Test
    void chunkedPushAndPullOfATrivyDb() {
        String repo = Oci.uniqueRepo("trivy-db");
        byte[] layer = Oci.trivyDbLayer(
                "trivy.db",
                Fixtures.randomBytes(200_000, 1),
                Oci.metadataJson("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z"));
        Digest d = Digest.sha256(layer);
        String location = admin().post("/v2/" + repo + "/blobs/uploads/").header("Location");
        int half = layer.length / 2;
        admin().header("Content-Range", "0-" + (half - 1))
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(layer, 0, half))
                .patch(location)
                .then()
                .statusCode(202)
                .header("Range", "0-" + (half - 1));
        admin().header("Content-Range", "5-9")
                .contentType("application/octet-stream")
                .body(new byte[5])
                .patch(location)
                .then()
                .statusCode(416);
        admin().queryParam("digest", d.toString())
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(layer, half, layer.length))
                .put(location)
                .then()
                .statusCode(201);
        Digest config = pushBlob(repo, Oci.EMPTY_CONFIG);
        String manifest = Oci.image(config, 2, Oci.TRIVY_CONFIG, Oci.DB_LAYER, d, layer.length);
        admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(manifest)
                .put("/v2/" + repo + "/manifests/2")
                .then()
                .statusCode(201);

        given().get("/v2/" + repo + "/manifests/2")
                .then()
                .statusCode(200)
                .body("layers[0].digest", equalTo(d.toString()));
        assertArrayEquals(
                layer,
                given().get("/v2/" + repo + "/blobs/" + d)
                        .then()
                        .statusCode(200)
                        .header("Content-Length", String.valueOf(layer.length))
                        .extract()
                        .asByteArray());
        given().header("Range", "bytes=0-9")
                .get("/v2/" + repo + "/blobs/" + d)
                .then()
                .statusCode(206)
                .header("Content-Length", "10");
        given().get("/api/v1/trivy/status").then().statusCode(200);
    }

    @Test
    void anObjectStoreOutageMidPushLeavesNoManifestAndTheNextPushSucceeds() {
        String repo = Oci.uniqueRepo("app");
        byte[] layer = Fixtures.randomBytes(5000, 2);
        Digest c = pushBlob(repo, Oci.EMPTY_CONFIG);
        Digest l = pushBlob(repo, layer);
        String manifest = Oci.image(c, 2, MediaTypes.OCI_EMPTY, "application/x-tar", l, layer.length);

        S3StorageResource.server().stop();
        try {
            admin().contentType(MediaTypes.OCI_MANIFEST)
                    .body(manifest)
                    .put("/v2/" + repo + "/manifests/1")
                    .then()
                    .statusCode(503);
        } finally {
            S3StorageResource.server().start();
        }
        given().get("/v2/" + repo + "/manifests/1").then().statusCode(404);
        admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(manifest)
                .put("/v2/" + repo + "/manifests/1")
                .then()
                .statusCode(201);
        given().get("/v2/" + repo + "/manifests/1").then().statusCode(200);
    }
}
