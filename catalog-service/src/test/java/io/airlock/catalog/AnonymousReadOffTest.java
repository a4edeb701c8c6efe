package io.airlock.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one extra profile: reads closed to anonymous clients ({@code airlock.auth.anonymous-read=false}). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
@TestProfile(AnonymousReadOffTest.ReadsNeedCredentials.class)
class AnonymousReadOffTest {
    public static class ReadsNeedCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airlock.auth.anonymous-read", "false");
        }
    }

    @Test
    void readsNeedCredentialsWhenConfigured() {
        given().get("/api/v1/artifacts")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"));
        given().get("/api/v1/config/welkin").then().statusCode(401);
        TestData.admin().get("/api/v1/artifacts").then().statusCode(200);
        // Prometheus still scrapes without credentials.
        given().get("/q/metrics").then().statusCode(200);
    }
}
