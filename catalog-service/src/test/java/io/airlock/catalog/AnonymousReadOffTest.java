package io.airlock.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
            // and no file server addresses configured: the Welkin snippets say set-me
            return Map.of("airlock.auth.anonymous-read", "false", "airlock.catalog.welkin.fileserver-ips", "");
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
        // Trivy then needs the registry's pull Secret, which Airlock cannot name: set-me, with a note saying so.
        TestData.admin()
                .accept("application/json")
                .get("/api/v1/config/welkin/common-config.yaml")
                .then()
                .statusCode(200)
                .body("documents[0].config.trivy.scanner.imagePullSecret.name", equalTo("set-me"))
                .body("documents[0].config.networkPolicies.falco.plugins.ips", equalTo(java.util.List.of("set-me")))
                .body("documents[0].notes", hasItem(containsString("registry-pull-secret")))
                .body("documents[0].notes", hasItem(containsString("fileserver-ips")));
        // Prometheus still scrapes without credentials.
        given().get("/q/metrics").then().statusCode(200);
    }
}
