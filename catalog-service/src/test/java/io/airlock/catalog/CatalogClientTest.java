package io.airlock.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.catalog.client.CatalogNotifier;
import io.airlock.catalog.client.PublishedVersion;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** libs/catalog-client against the real catalog. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class CatalogClientTest {
    @TestHTTPResource("/")
    URL catalog;

    @Test
    void aPublishingServiceNotifiesTheCatalog() throws Exception {
        String name = TestData.unique("aquasecurity/trivy-java-db") + ":1";
        try (CatalogNotifier notifier = new CatalogNotifier(new CatalogNotifier.Settings(
                URI.create(catalog.toString()),
                TestData.ADMIN,
                TestData.PASSWORD,
                10,
                3,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5)))) {
            assertTrue(notifier.published(new PublishedVersion(
                    "trivy-java-db",
                    name,
                    "1",
                    TestData.digestOf(name),
                    1234,
                    "application/vnd.aquasec.trivy.javadb.layer.v1.tar+gzip",
                    "registry.air-gapped.internal/" + name,
                    "ghcr.io/" + name,
                    Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-01-04T00:00:00Z"))));
            Instant deadline = Instant.now().plusSeconds(10);
            while (notifier.delivered() < 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertEquals(1, notifier.delivered());
        }
        given().queryParam("name", name)
                .get("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("items[0].source", equalTo("notification"))
                .body("items[0].validUntil", equalTo("2026-01-04T00:00:00Z"))
                .body("items[0].mediaType", equalTo("application/vnd.aquasec.trivy.javadb.layer.v1.tar+gzip"));
    }
}
