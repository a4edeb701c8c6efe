package io.airlock.trivydb;

import static io.airlock.trivydb.Oci.admin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.oci.Digest;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.RawHttp;
import io.airlock.testkit.fuzz.DiskWatch;
import io.airlock.testkit.fuzz.ErrorFormat;
import io.airlock.testkit.fuzz.FuzzRequest;
import io.airlock.testkit.fuzz.FuzzRunner;
import io.airlock.testkit.fuzz.HostileInputs;
import io.airlock.testkit.fuzz.OciFuzz;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The bad-input suite for the Trivy registry (docs/testing.md): hostile /v2 requests (names, digests, references,
 * manifests, uploads, tag lists, referrers), the token endpoint and the status API, anonymous and with the admin
 * credential. Asserts no 5xx, no hang, OCI error JSON, the seeded image byte-identical afterwards and nothing written
 * outside the store. Replay: {@code -Dairlock.fuzz.seed=<seed>}.
 */
@QuarkusTest
class TrivydbFuzzTest {
    static final long SEED = 0x7121DBL;
    static final String REPO = "fzseed/trivy-db";
    static final String ADMIN = "Basic "
            + Base64.getEncoder().encodeToString((Oci.USER + ":" + Oci.PASSWORD).getBytes(StandardCharsets.UTF_8));

    @Test
    void hostileRequestsNeverBreakTheRegistry() {
        byte[] layer = Oci.trivyDbLayer(
                "trivy.db",
                Fixtures.randomBytes(5000, 11),
                Oci.metadataJson("2026-01-01T00:00:00Z", "2099-01-02T00:00:00Z"));
        String manifestDigest = Oci.pushImage(REPO, "2", Oci.DB_LAYER, layer);
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digest.sha256(Oci.EMPTY_CONFIG).toString(), Oci.EMPTY_CONFIG);
        blobs.put(Digest.sha256(layer).toString(), layer);
        byte[] manifest = RawHttp.request(RestAssured.port, "GET", "/v2/" + REPO + "/manifests/2")
                .body();

        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String location = admin().post("/v2/" + REPO + "/blobs/uploads/")
                    .then()
                    .statusCode(202)
                    .extract()
                    .header("Location");
            sessions.add(URI.create(location).getPath());
        }
        OciFuzz oci = new OciFuzz(
                REPO, "2", manifestDigest, List.copyOf(blobs.keySet()), Oci.EMPTY_CONFIG.length, sessions, ADMIN);

        Path dataDir = Path.of(config("airlock.data-dir")).toAbsolutePath().normalize();
        Path storeRoot = Path.of(config("airlock.storage.filesystem.root"))
                .toAbsolutePath()
                .normalize();
        DiskWatch disk = DiskWatch.start(List.of(storeRoot), List.of(dataDir)).alsoSearch(Path.of(""));

        FuzzRunner.FuzzReport report = FuzzRunner.against("trivydb-service", RestAssured.port, SEED)
                .requests(2000)
                .timeout(Duration.ofSeconds(15))
                .format(r -> r.path().startsWith("/v2") || r.path().startsWith("/api/v1/trivy")
                        ? ErrorFormat.OCI
                        : ErrorFormat.ANY)
                .run(in -> in.chance(88) ? oci.request(in) : other(in));
        System.out.println(report.summary());

        report.assertClean();
        RawHttp.Response m = RawHttp.request(RestAssured.port, "GET", "/v2/" + REPO + "/manifests/2");
        assertEquals(200, m.status(), "seeded tag after the fuzz");
        assertEquals(manifestDigest, m.header("Docker-Content-Digest"), "seeded tag moved by the fuzz");
        assertArrayEquals(manifest, m.body(), "seeded manifest changed by the fuzz");
        blobs.forEach((digest, bytes) -> {
            RawHttp.Response b = RawHttp.request(RestAssured.port, "GET", "/v2/" + REPO + "/blobs/" + digest);
            assertEquals(200, b.status(), "seeded blob " + digest + " after the fuzz");
            assertArrayEquals(bytes, b.body(), "seeded blob " + digest + " changed by the fuzz");
        });
        disk.assertNothingOutside();
    }

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    /** The token endpoint and the status API with junk parameters and credentials. */
    static FuzzRequest other(HostileInputs in) {
        if (in.chance(50)) {
            return FuzzRequest.of(
                            "GET",
                            "/v2/token?"
                                    + in.query("service", "scope", "account", "client_id")
                                    + in.pick(
                                            "",
                                            "&scope=repository:" + REPO + ":push,pull",
                                            "&scope=repository:../../x:*",
                                            "&scope=registry:catalog:*",
                                            "&scope=" + "a:".repeat(500)))
                    .header("Authorization", in.authorization(ADMIN))
                    .label("token");
        }
        return FuzzRequest.of(
                        in.pick("GET", "HEAD", "POST", "PUT"),
                        "/api/v1/trivy/status" + in.pick("", "/", "?" + in.query("repo"), "/" + in.segment()))
                .header("Authorization", in.authorization(ADMIN))
                .header("Accept", in.mediaType())
                .body(in.json(null))
                .label("trivy status");
    }
}
