package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.airlock.catalog.TestData.unique;
import static io.airlock.catalog.TestData.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.catalog.engine.FreshnessEngine;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class FreshnessEngineTest {
    @Inject
    FreshnessEngine engine;

    @Inject
    ObjectMapper json;

    @Test
    void staleTrivyDbFiresWithReasonAndResolvesWhenAFreshVersionArrives() throws Exception {
        String name = unique("aquasecurity/trivy-db") + ":2";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Built 3 days ago, NextUpdate 2 days ago: more than 24 h past NextUpdate, so stale by default policy.
        int artifactId = admin().body(version(
                        "trivy-db",
                        name,
                        "old-db",
                        "\"upstreamBuiltAt\":\"" + now.minus(3, ChronoUnit.DAYS) + "\",\"validUntil\":\""
                                + now.minus(2, ChronoUnit.DAYS) + "\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .extract()
                .path("version.artifactId");

        given().get("/api/v1/freshness")
                .then()
                .statusCode(200)
                .body("artifacts.find { it.artifact == '" + name + "' }.stale", equalTo(true))
                .body("artifacts.find { it.artifact == '" + name + "' }.reason", equalTo("upstream-unknown"));

        AlertReceiverResource.BODIES.clear();
        engine.evaluate();
        JsonNode alert = lastAlert(name);
        assertNotNull(alert, "alert for " + name);
        assertEquals("AirlockArtifactStale", alert.at("/labels/alertname").asText());
        assertEquals("warning", alert.at("/labels/severity").asText());
        assertEquals("trivy-db", alert.at("/labels/kind").asText());
        assertEquals("upstream-unknown", alert.at("/labels/reason").asText());
        assertTrue(alert.at("/annotations/description").asText().contains("stale"));
        assertEquals(
                "http://catalog.test:8083/api/v1/artifacts/" + artifactId,
                alert.at("/generatorURL").asText());
        Instant startsAt = Instant.parse(alert.at("/startsAt").asText());
        Instant endsAt = Instant.parse(alert.at("/endsAt").asText());
        assertEquals(now.minus(1, ChronoUnit.DAYS), startsAt);
        assertTrue(endsAt.isAfter(Instant.now()));

        // Metrics carry the same view.
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("airlock_artifact_stale{artifact=\"" + name + "\",kind=\"trivy-db\"} 1.0"))
                .body(containsString("airlock_artifact_age_seconds{artifact=\"" + name + "\""))
                .body(containsString("airlock_artifact_expiry_timestamp_seconds{artifact=\"" + name + "\""));

        // Upstream built something newer: now the reason is that nobody imported it.
        admin().body("{\"latestBuiltAt\":\"" + now.minus(1, ChronoUnit.HOURS) + "\"}")
                .put("/api/v1/artifacts/" + artifactId + "/upstream")
                .then()
                .statusCode(200);
        engine.evaluate();
        assertEquals("not-imported", lastAlert(name).at("/labels/reason").asText());

        // Upstream's latest is what we have: upstream is late.
        admin().body("{\"latestBuiltAt\":\"" + now.minus(3, ChronoUnit.DAYS) + "\"}")
                .put("/api/v1/artifacts/" + artifactId + "/upstream")
                .then()
                .statusCode(200);
        engine.evaluate();
        assertEquals(
                "upstream-not-updated", lastAlert(name).at("/labels/reason").asText());

        // A fresh version: the alert is resolved (endsAt now), and the gauge drops to 0.
        admin().body(version(
                        "trivy-db",
                        name,
                        "new-db",
                        "\"upstreamBuiltAt\":\"" + now + "\",\"validUntil\":\"" + now.plus(1, ChronoUnit.DAYS) + "\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(201);
        AlertReceiverResource.BODIES.clear();
        Instant before = Instant.now();
        engine.evaluate();
        List<JsonNode> resolved = alerts(name);
        assertFalse(resolved.isEmpty());
        for (JsonNode a : resolved) {
            assertFalse(Instant.parse(a.at("/endsAt").asText()).isAfter(Instant.now()));
            assertFalse(Instant.parse(a.at("/endsAt").asText()).isBefore(before.minusSeconds(1)));
        }
        given().get("/q/metrics")
                .then()
                .body(containsString("airlock_artifact_stale{artifact=\"" + name + "\",kind=\"trivy-db\"} 0.0"));
    }

    @Test
    void policiesCanBeSetPerKindAndPerArtifactAndAreValidated() {
        String name = unique("rules") + ".tar.gz";
        Instant now = Instant.now();
        int id = admin().body(version(
                        "falco-rulesfile",
                        name,
                        "rules",
                        "\"upstreamBuiltAt\":\"" + now.minus(2, ChronoUnit.DAYS) + "\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .extract()
                .path("version.artifactId");
        given().get("/api/v1/freshness")
                .then()
                .body("artifacts.find { it.artifact == '" + name + "' }.stale", equalTo(false))
                .body("artifacts.find { it.artifact == '" + name + "' }.maxAge", equalTo("PT168H"));

        admin().body("{\"maxAge\":\"P1D\"}")
                .put("/api/v1/artifacts/" + id + "/policy")
                .then()
                .statusCode(200)
                .body("scope", equalTo("artifact"))
                .body("maxAgeSeconds", equalTo(86400));
        given().get("/api/v1/freshness")
                .then()
                .body("artifacts.find { it.artifact == '" + name + "' }.stale", equalTo(true));
        admin().delete("/api/v1/artifacts/" + id + "/policy").then().statusCode(204);
        given().get("/api/v1/freshness")
                .then()
                .body("artifacts.find { it.artifact == '" + name + "' }.stale", equalTo(false));

        admin().body("{\"maxAge\":\"-PT1H\"}")
                .put("/api/v1/policies/kinds/falco-rulesfile")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:airlock:catalog:invalid-policy"))
                .body("detail", containsString("negative"));
        admin().body("{\"maxAge\":\"a week\"}")
                .put("/api/v1/policies/kinds/falco-rulesfile")
                .then()
                .statusCode(400);
        admin().body("{\"maxAge\":\"P1D\",\"basis\":\"moon-phase\"}")
                .put("/api/v1/policies/kinds/falco-rulesfile")
                .then()
                .statusCode(400);
        admin().body("{\"maxAge\":\"P1D\"}")
                .put("/api/v1/policies/kinds/nope")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:airlock:catalog:unknown-kind"));
        given().get("/api/v1/policies")
                .then()
                .statusCode(200)
                .body("find { it.kind == 'falco-rulesfile' && it.scope == 'kind' }.maxAge", equalTo("PT168H"))
                .body("find { it.kind == 'trivy-db' }.basis", equalTo("after-valid-until"))
                .body("find { it.kind == 'opensearch-plugin' }.maxAge", org.hamcrest.Matchers.nullValue());
    }

    /** The last alert sent for {@code artifact} that is firing (a changed reason is a new alert; the old resolves). */
    private JsonNode lastAlert(String artifact) throws Exception {
        JsonNode last = null;
        for (JsonNode a : alerts(artifact)) {
            if (Instant.parse(a.at("/endsAt").asText()).isAfter(Instant.now())) {
                last = a;
            }
        }
        return last;
    }

    private List<JsonNode> alerts(String artifact) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String body : AlertReceiverResource.BODIES) {
            for (JsonNode a : json.readTree(body)) {
                if (artifact.equals(a.at("/labels/artifact").asText())) {
                    found.add(a);
                }
            }
        }
        return found;
    }
}
