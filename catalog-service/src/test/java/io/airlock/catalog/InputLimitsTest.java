package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.airlock.catalog.TestData.unique;
import static io.airlock.catalog.TestData.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Input that PostgreSQL cannot hold is a 400 that says which field, never a 500 (each found by CatalogFuzzTest). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class InputLimitsTest {

    @Test
    void aNulInASearchIsA400() {
        given().urlEncodingEnabled(false)
                .get("/api/v1/versions?name=%00")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("name"));
        given().urlEncodingEnabled(false)
                .get("/api/v1/artifacts?q=a%00b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("q"));
    }

    @Test
    void aTimeBeyondTheYear9999IsA400() {
        admin().body(version(
                        "file", unique("far") + ".bin", unique("far"), "\"validUntil\":\"+999999999-12-31T23:59:59Z\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("validUntil"));
        int id = admin().body(version("file", unique("up") + ".bin", unique("up"), null))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .extract()
                .path("version.artifactId");
        admin().body("{\"latestBuiltAt\":\"-999999999-01-01T00:00:00Z\"}")
                .put("/api/v1/artifacts/" + id + "/upstream")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
