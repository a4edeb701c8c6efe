package io.airlock.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.PackagedService;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged catalog with its one-machine default: no JDBC URL, so it starts its own PostgreSQL under
 * {@code $AIRLOCK_DATA_DIR/catalog-db}, migrates it and serves; what it stored is still there after a restart.
 * (The {@code @QuarkusTest}s turn the embedded database off and use the test kit's.)
 */
class EmbeddedDatabaseIT {
    private static final String PASSWORD = "embedded-db-it-password";

    @TempDir
    Path dir;

    @Test
    void theCatalogServesFromItsEmbeddedDatabaseAndKeepsItsDataAcrossARestart() {
        Map<String, String> env = Map.of("AIRLOCK_ADMIN_PASSWORD", PASSWORD);
        String name = "embedded-it-repository-s3-2.8.0.zip";
        String body = TestData.version("opensearch-plugin", name, "embedded", "\"version\":\"2.8.0\"");
        try (PackagedService catalog = PackagedService.start("catalog", dir, env)) {
            given().baseUri(catalog.url())
                    .auth()
                    .preemptive()
                    .basic("admin", PASSWORD)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/versions")
                    .then()
                    .statusCode(201)
                    .body("created", equalTo(true));
            assertTrue(catalog.log().contains("embedded PostgreSQL started"), catalog.log());
        }
        assertTrue(
                Files.isRegularFile(dir.resolve("data/catalog-db/PG_VERSION")), "the database lives in the data dir");

        try (PackagedService again = PackagedService.start("catalog-again", dir, env)) {
            given().baseUri(again.url())
                    .queryParam("digest", TestData.digestOf("embedded"))
                    .get("/api/v1/versions")
                    .then()
                    .statusCode(200)
                    .body("items.artifact", hasItem(name));
        }
    }
}
