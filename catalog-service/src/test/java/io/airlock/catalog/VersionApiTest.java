package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.airlock.catalog.TestData.digestOf;
import static io.airlock.catalog.TestData.unique;
import static io.airlock.catalog.TestData.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class VersionApiTest {

    @Test
    void registersListsAndSearchesVersions() {
        String name = unique("repository-s3") + ".zip";
        int artifactId = admin().body(version("opensearch-plugin", name, "one", "\"version\":\"2.8.0\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/artifacts/"))
                .body("created", equalTo(true))
                .body("version.kind", equalTo("opensearch-plugin"))
                .body("version.digest", equalTo(digestOf("one")))
                .body("version.source", equalTo("api"))
                .body("version.importedAt", notNullValue())
                .extract()
                .path("version.artifactId");

        // The same digest again: idempotent, 200, still one version.
        admin().body(version("opensearch-plugin", name, "one", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("created", equalTo(false));
        admin().body(version("opensearch-plugin", name, "two", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(201);

        given().get("/api/v1/artifacts/" + artifactId)
                .then()
                .statusCode(200)
                .body("artifact.name", equalTo(name))
                .body("artifact.versions", equalTo(2))
                .body("versions", hasSize(2))
                .body("versions[0].digest", equalTo(digestOf("two")))
                .body("policy.scope", equalTo("kind"));

        given().queryParam("kind", "opensearch-plugin")
                .queryParam("q", name.substring(0, 20).toUpperCase())
                .get("/api/v1/artifacts")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].newest.digest", equalTo(digestOf("two")));

        given().queryParam("digest", digestOf("one"))
                .get("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("items.artifact", org.hamcrest.Matchers.hasItem(name));
    }

    @Test
    void writesNeedTheAdminCredential() {
        String body = version("file", unique("f"), "x", null);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/versions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"));
        given().auth()
                .preemptive()
                .basic("admin", "wrong")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/versions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void badInputIsAClearProblemAndSavesNothing() {
        String name = unique("bad");
        admin().body(version("no-such-kind", name, "x", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:airlock:catalog:unknown-kind"))
                .body("status", equalTo(400))
                .body("detail", containsString("trivy-db"));
        admin().body("{\"kind\":\"file\",\"name\":\"" + name + "\",\"digest\":\"sha256:abc\",\"size\":1,"
                        + "\"location\":\"http://x/y\"}")
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:airlock:catalog:invalid-digest"));
        admin().body(version("file", name, "x", null).replace("\"size\":1", "\"size\":-1"))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .body("detail", containsString("size"));
        admin().body(version("file", name, "x", null).replace("\"size\":1", "\"size\":\"big\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:airlock:catalog:malformed-json"))
                .body("detail", containsString("size"));
        admin().body("{\"kind\": \"file\", ").post("/api/v1/versions").then().statusCode(400);
        admin().body("").post("/api/v1/versions").then().statusCode(400);
        admin().body(version("file", name, "x", "\"validUntil\":\"tomorrow\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .body("detail", containsString("validUntil"));

        // Nothing of the above was saved.
        given().queryParam("q", name)
                .get("/api/v1/artifacts")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void concurrentRegistrationsOfOneArtifactAllSucceed() throws Exception {
        String name = unique("concurrent");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 16; i++) {
                String content = "c" + (i % 4); // 4 distinct digests, each registered 4 times
                futures.add(pool.submit(() -> admin().body(version("file", name, content, null))
                        .post("/api/v1/versions")
                        .statusCode()));
            }
            int created = 0;
            for (var f : futures) {
                int status = f.get();
                org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 201, "status " + status);
                created += status == 201 ? 1 : 0;
            }
            org.junit.jupiter.api.Assertions.assertEquals(4, created);
        } finally {
            pool.shutdown();
        }
        given().queryParam("q", name)
                .get("/api/v1/artifacts")
                .then()
                .body("total", equalTo(1))
                .body("items[0].versions", equalTo(4));
    }

    @Test
    void openApiDocumentsTheAdminApi() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/versions'.post", notNullValue())
                .body("paths.'/api/v1/coverage/nodes'.put", notNullValue());
    }

    @Test
    void unknownThingsAreProblems() {
        given().get("/api/v1/artifacts/999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("999999"));
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("size", 0).get("/api/v1/artifacts").then().statusCode(400);
        given().queryParam("kind", "nope").get("/api/v1/artifacts").then().statusCode(400);
    }
}
