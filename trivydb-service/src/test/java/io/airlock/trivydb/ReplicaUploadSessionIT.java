package io.airlock.trivydb;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.airlock.oci.Digest;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.PackagedService;
import io.airlock.testkit.S3ProxyServer;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged registry on one bucket, as a Deployment with two pods runs them: an upload session
 * opened on one replica continues on the other, also after the first was killed, because sessions and their chunks
 * live in object storage and no replica keeps any of it in memory. Only the registry's HTTP API is used.
 */
class ReplicaUploadSessionIT {
    private static final String PASSWORD = "replica-it-password";

    @TempDir
    static Path dir;

    static S3ProxyServer s3;
    static PackagedService a;
    static PackagedService b;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.inMemory().start();
        Map<String, String> env = Map.of(
                "AIRLOCK_ADMIN_PASSWORD",
                PASSWORD,
                "AIRLOCK_STORAGE_BACKEND",
                "s3",
                "AIRLOCK_STORAGE_S3_ENDPOINT",
                s3.endpoint(),
                "AIRLOCK_STORAGE_S3_ACCESS_KEY",
                S3ProxyServer.ACCESS_KEY,
                "AIRLOCK_STORAGE_S3_SECRET_KEY",
                S3ProxyServer.SECRET_KEY);
        a = PackagedService.start("replica-a", dir.resolve("a"), env);
        b = PackagedService.start("replica-b", dir.resolve("b"), env);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, s3}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private static RequestSpecification admin(PackagedService replica) {
        return given().baseUri(replica.url())
                .urlEncodingEnabled(false)
                .auth()
                .preemptive()
                .basic("admin", PASSWORD);
    }

    @Test
    void aSessionOpenedOnOneReplicaIsFinishedOnTheOtherAfterTheFirstDied() {
        String repo = "replicas/blob-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] blob = Fixtures.randomBytes(3 * 1024 * 1024 + 11, 15);
        int chunk = 1024 * 1024;
        Digest digest = Digest.sha256(blob);

        String location = admin(a).post("/v2/" + repo + "/blobs/uploads/")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        String path = location.replaceFirst("^https?://[^/]+", "");
        admin(a).header("Content-Range", "0-" + (chunk - 1))
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 0, chunk))
                .patch(path)
                .then()
                .statusCode(202)
                .header("Range", "0-" + (chunk - 1));

        // B knows the session while A still runs ...
        admin(b).get(path).then().statusCode(204).header("Range", "0-" + (chunk - 1));
        a.kill();
        // ... and after A is gone: it reports the last complete chunk, takes the rest and completes the blob.
        admin(b).get(path).then().statusCode(204).header("Range", "0-" + (chunk - 1));
        admin(b).header("Content-Range", chunk + "-" + (2 * chunk - 1))
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, chunk, 2 * chunk))
                .patch(path)
                .then()
                .statusCode(202)
                .header("Range", "0-" + (2 * chunk - 1));
        admin(b).queryParam("digest", digest.toString())
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 2 * chunk, blob.length))
                .put(path)
                .then()
                .statusCode(201)
                .header("Docker-Content-Digest", digest.toString());

        byte[] pulled = given().baseUri(b.url())
                .get("/v2/" + repo + "/blobs/" + digest)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(blob, pulled, "the blob assembled from chunks received by two replicas");
        // the session is gone once completed, on every replica
        admin(b).get(path).then().statusCode(404).body(containsString("BLOB_UPLOAD_UNKNOWN"));
    }

    @Test
    void aSessionNoReplicaOpenedIsUnknown() {
        // the control: B does not answer 204 for just any session id
        String id = UUID.randomUUID().toString();
        admin(b).get("/v2/replicas/none/blobs/uploads/" + id)
                .then()
                .statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
    }
}
