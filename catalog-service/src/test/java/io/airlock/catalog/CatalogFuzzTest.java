package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.airlock.catalog.TestData.digestOf;
import static io.airlock.catalog.TestData.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.airlock.testkit.RawHttp;
import io.airlock.testkit.fuzz.DiskWatch;
import io.airlock.testkit.fuzz.ErrorFormat;
import io.airlock.testkit.fuzz.FuzzRequest;
import io.airlock.testkit.fuzz.FuzzRunner;
import io.airlock.testkit.fuzz.HostileInputs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
 * The bad-input suite for the catalog's admin API (docs/testing.md): hostile JSON bodies, ids, kinds, paging and
 * search parameters on every /api/v1 endpoint, anonymous and with the admin credential. Asserts no 5xx, no hang,
 * problem+json errors, the seeded versions unchanged afterwards and nothing written outside the data directory's
 * database. Replay: {@code -Dairlock.fuzz.seed=<seed>}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class CatalogFuzzTest {
    static final long SEED = 0xCA7A1L;
    static final String ADMIN = "Basic "
            + Base64.getEncoder()
                    .encodeToString((TestData.ADMIN + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8));

    @Test
    void hostileRequestsNeverBreakTheCatalog() {
        Map<String, String> seeded = new LinkedHashMap<>(); // digest -> the version as listed
        List<String> ids = new ArrayList<>();
        String[][] versions = {
            {"opensearch-plugin", "fzseed-repository-s3-2.8.0.zip", "fzseed-one", "\"version\":\"2.8.0\""},
            {"trivy-db", "fzseed/trivy-db:fz", "fzseed-two", "\"validUntil\":\"2099-01-01T00:00:00Z\""},
            {"falco-driver", "fzseed/8.1.0+driver/x86_64/falco_a_1_1.ko", "fzseed-three", null},
        };
        for (String[] v : versions) {
            int status = admin().body(version(v[0], v[1], v[2], v[3]))
                    .post("/api/v1/versions")
                    .then()
                    .extract()
                    .statusCode();
            assertTrue(status == 201 || status == 200, "seeding " + v[1] + ": " + status);
            String digest = digestOf(v[2]);
            seeded.put(digest, listed(digest));
            ids.add(String.valueOf((Integer) RestAssured.given()
                    .queryParam("digest", digest)
                    .get("/api/v1/versions")
                    .then()
                    .extract()
                    .path("items[0].artifactId")));
        }

        Path dataDir = Path.of(config("airlock.data-dir")).toAbsolutePath().normalize();
        DiskWatch disk = DiskWatch.start(List.of(dataDir.resolve("store")), List.of(dataDir))
                .alsoSearch(Path.of(""));

        String template = version("file", "fzq-template.bin", "template", "\"version\":\"1\"");
        String versionsBefore = RawHttp.request(RestAssured.port, "GET", "/api/v1/coverage/opensearch-versions")
                .bodyText();
        String schemasBefore = RawHttp.request(RestAssured.port, "GET", "/api/v1/coverage/schemas")
                .bodyText();
        FuzzRunner.FuzzReport report;
        try {
            report = fuzz(ids, template);
        } finally { // the declared lists are the catalog's global state that other tests read: put them back
            admin().body("{\"versions\":" + versionsBefore + "}")
                    .put("/api/v1/coverage/opensearch-versions")
                    .then()
                    .statusCode(200);
            admin().body("{\"schemas\":" + schemasBefore + "}")
                    .put("/api/v1/coverage/schemas")
                    .then()
                    .statusCode(200);
        }
        System.out.println(report.summary());

        report.assertClean();
        seeded.forEach((digest, before) -> assertEquals(before, listed(digest), "seeded version " + digest));
        disk.assertNothingOutside();
    }

    static FuzzRunner.FuzzReport fuzz(List<String> ids, String template) {
        return FuzzRunner.against("catalog-service", RestAssured.port, SEED)
                .requests(2000)
                .timeout(Duration.ofSeconds(15))
                .format(r -> r.path().startsWith("/api/") ? ErrorFormat.PROBLEM : ErrorFormat.ANY)
                .run(in -> request(in, ids, template));
    }

    /** The fields of a registered version that nothing but its own registration may set. */
    static String listed(String digest) {
        RawHttp.Response r = RawHttp.request(RestAssured.port, "GET", "/api/v1/versions?digest=" + digest);
        assertEquals(200, r.status(), r.bodyText());
        String body = r.bodyText();
        return body.replaceAll("\"total\":\\d+,?", "");
    }

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static FuzzRequest request(HostileInputs in, List<String> ids, String template) {
        String id = in.pick(in.pick(ids), in.number(), in.segment(), "0", "-1", "99999999999999999999", "1.5");
        // writes name only the seeded artifacts or ids no artifact has: others' artifacts are not the fuzz's to change
        String writeId = in.pick(in.pick(ids), "0", "-1", "99999999999999999999", "1.5", "abc", in.name());
        String auth = in.authorization(ADMIN);
        boolean shared = false; // state other tests rely on (kind policies, declared nodes): never with the credential
        FuzzRequest r;
        switch (in.nextInt(11)) {
            case 0:
            case 1:
            case 2:
                r = FuzzRequest.of("POST", "/api/v1/versions")
                        .header("Content-Type", in.pick("application/json", "application/json", in.mediaType()))
                        .header("Airlock-Source", in.pick("notification", "api", in.segment()))
                        .body(in.json(template));
                break;
            case 3:
                r = FuzzRequest.of(
                        "GET",
                        in.pick("/api/v1/versions?", "/api/v1/artifacts?")
                                + in.query("kind", "name", "digest", "page", "size", "q"));
                break;
            case 4:
                String method = in.pick("GET", "HEAD", "DELETE");
                r = FuzzRequest.of(
                        method,
                        "/api/v1/artifacts/" + (method.equals("DELETE") ? writeId : id)
                                + in.pick("", "/policy", "/upstream", "/" + in.segment()));
                break;
            case 5:
                r = FuzzRequest.of("PUT", "/api/v1/artifacts/" + writeId + "/upstream")
                        .header("Content-Type", "application/json")
                        .body(in.json("{\"latestBuiltAt\":\"2026-01-01T00:00:00Z\"}"));
                break;
            case 6:
                shared = in.chance(40);
                r = FuzzRequest.of(
                                "PUT",
                                shared
                                        ? "/api/v1/policies/kinds/" + in.pick("trivy-db", "file", in.segment())
                                        : "/api/v1/artifacts/" + writeId + "/policy")
                        .header("Content-Type", "application/json")
                        .body(in.json(in.pick(
                                "{\"maxAge\":\"P2D\",\"basis\":\"imported\"}",
                                "{\"maxAge\":\"36h\",\"basis\":\"upstream\"}")));
                break;
            case 7:
                String list = in.pick("opensearch-versions", "schemas", "nodes");
                shared = list.equals("nodes"); // the other two are put back after the run
                r = FuzzRequest.of("PUT", "/api/v1/coverage/" + list)
                        .header("Content-Type", "application/json")
                        .body(
                                in.json(
                                        in.pick(
                                                "{\"versions\":[\"2.8.0\",\"2.11.1\"]}",
                                                "{\"schemas\":[{\"kind\":\"trivy-db\",\"version\":2}]}",
                                                "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"n1\"},\"status\":{\"nodeInfo\":{\"kernelVersion\":\"6.8.0-79-generic\",\"osImage\":\"Ubuntu 24.04\",\"architecture\":\"amd64\"}}}]}")));
                break;
            case 8:
                r = FuzzRequest.of(
                        in.pick("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"),
                        in.pick(
                                "/api/v1/freshness",
                                "/api/v1/coverage",
                                "/api/v1/coverage/nodes",
                                "/api/v1/policies",
                                "/api/v1/config/welkin",
                                "/api/v1/config/welkin?" + in.query("format"),
                                "/api/v1/" + in.segment(),
                                in.path("/api/v1")));
                break;
            case 9:
                r = FuzzRequest.of("POST", "/api/v1/versions")
                        .header("Content-Type", "application/json")
                        .body(in.json(template));
                r = in.badFraming(r);
                break;
            default:
                r = FuzzRequest.of("POST", "/api/v1/versions")
                        .header("Content-Type", "application/json")
                        .body(version(
                                in.pick("file", "trivy-db", "FILE", "", in.segment()),
                                in.pick("fzq-" + in.name(), "", "../../" + in.name(), in.segment(), "x".repeat(3000)),
                                in.name(),
                                in.pick(
                                        null,
                                        "\"size\":-1",
                                        "\"importedAt\":\"yesterday\"",
                                        "\"validUntil\":\"+999999999-12-31T23:59:59Z\"",
                                        "\"location\":\"javascript:alert(1)\"",
                                        "\"digest\":\"" + in.digest() + "\"",
                                        "\"version\":\"" + "v".repeat(5000) + "\"")));
                break;
        }
        if (in.chance(90)) {
            r = r.header("Authorization", shared ? in.authorization(null) : auth);
        }
        String[] parts = r.path().split("/");
        return r.label(r.method() + " " + String.join("/", java.util.Arrays.copyOf(parts, Math.min(parts.length, 4))));
    }
}
