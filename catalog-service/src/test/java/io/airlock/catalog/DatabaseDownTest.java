package io.airlock.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.catalog.engine.FreshnessEngine;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.airlock.testkit.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class DatabaseDownTest {
    @Inject
    FreshnessEngine engine;

    @Test
    void answers503WhilePostgresIsDownAndRecoversByItself() throws Exception {
        given().get("/api/v1/artifacts").then().statusCode(200);
        EmbeddedPostgresServer postgres = EmbeddedPostgresResource.server();
        postgres.stop();
        try {
            given().get("/api/v1/artifacts")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:airlock:catalog:database-unavailable"))
                    .body("detail", containsString("PostgreSQL"));
            TestData.admin()
                    .body(TestData.version("file", TestData.unique("down"), "x", null))
                    .post("/api/v1/versions")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json");
            given().get("/q/health/ready").then().statusCode(503);
            FreshnessEngine.Evaluation evaluation = engine.evaluate();
            assertFalse(evaluation.databaseUp());
            given().get("/q/metrics").then().body(containsString("airlock_catalog_database_up 0.0"));
        } finally {
            postgres.start();
        }
        // Back by itself: no restart of the catalog.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = given().get("/api/v1/artifacts").statusCode();
            if (status == 200) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(status == 200, "catalog did not recover, last status " + status);
        assertTrue(engine.evaluate().databaseUp());
    }
}
