package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.airlock.catalog.TestData.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Coverage declarations are global: this class and WelkinConfigTest (which declares nothing when it is done) are the
 * only ones that change them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class CoverageApiTest {
    @jakarta.inject.Inject
    io.airlock.catalog.engine.FreshnessEngine engine;

    @jakarta.inject.Inject
    io.airlock.catalog.service.CoverageService coverage;

    /** Trimmed from real {@code kubectl get nodes -o json} output; unknown fields must be ignored. */
    static String kubectlNodes(String... nodes) {
        StringBuilder items = new StringBuilder();
        for (String n : nodes) {
            String[] p = n.split(" ");
            if (items.length() > 0) {
                items.append(',');
            }
            items.append("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"")
                    .append(p[0])
                    .append("\",\"labels\":{\"kubernetes.io/arch\":\"amd64\"},\"uid\":\"0c9b\"},")
                    .append(
                            "\"spec\":{\"podCIDR\":\"10.0.0.0/24\"},\"status\":{\"addresses\":[{\"address\":\"10.0.0.1\",")
                    .append("\"type\":\"InternalIP\"}],\"capacity\":{\"cpu\":\"4\"},\"nodeInfo\":{\"architecture\":\"")
                    .append(p[2])
                    .append(
                            "\",\"bootID\":\"b\",\"containerRuntimeVersion\":\"containerd://1.7.27\",\"kernelVersion\":\"")
                    .append(p[1])
                    .append("\",\"kubeProxyVersion\":\"v1.31.4\",\"kubeletVersion\":\"v1.31.4\",\"machineID\":\"m\",")
                    .append("\"operatingSystem\":\"linux\",\"osImage\":\"Ubuntu 24.04.2 LTS\",\"systemUUID\":\"s\"}}}");
        }
        return "{\"apiVersion\":\"v1\",\"items\":[" + items
                + "],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}";
    }

    @Test
    void reportsWhatIsInUseButCannotBeServed() throws Exception {
        admin().body(kubectlNodes(
                        "worker-1 6.8.0-79-generic amd64",
                        "worker-2 6.8.0-79-generic amd64",
                        "worker-3 6.8.0-79-generic amd64",
                        "control-1 6.8.0-80-generic amd64"))
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(200)
                .body("", hasSize(4))
                .body("[0].osImage", equalTo("Ubuntu 24.04.2 LTS"));
        admin().body("{\"versions\":[\"2.8.0\",\"2.11.1\"]}")
                .put("/api/v1/coverage/opensearch-versions")
                .then()
                .statusCode(200);
        admin().body(version("opensearch-plugin", "repository-s3-2.11.1.zip", "plugin-2.11.1", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(201);
        admin().body(version(
                        "falco-driver",
                        "driver/8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-80-generic_80.ko",
                        "ko",
                        null))
                .post("/api/v1/versions")
                .then()
                .statusCode(201);

        given().get("/api/v1/coverage")
                .then()
                .statusCode(200)
                .body("complete", equalTo(false))
                .body("gaps.message", hasItem("OpenSearch 2.8.0 in use but repository-s3-2.8.0.zip missing"))
                .body("gaps.message", not(hasItem(containsString("2.11.1"))))
                .body("gaps.message", not(hasItem(containsString("6.8.0-80-generic"))))
                .body("gaps.message", hasItem("trivy-db schema 2 in use but aquasecurity/trivy-db:2 missing"))
                // Kernel coverage is falco-index-service's (FalcoBundleIT checks it across both services); here
                // that service is down, and the catalog still answers with everything else, saying so.
                .body("kernelCoverage.state", equalTo("unavailable"))
                .body("kernelCoverage.source", equalTo("http://127.0.0.1:1/api/v1/coverage"))
                .body("kernelCoverage.error", containsString("unreachable"))
                .body("kernels", hasSize(0))
                .body("gaps.type", not(hasItem("falco-driver")));
        // The declared nodes stay the catalog's: what the platform runs, kernel releases included.
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("6.8.0-79-generic", "6.8.0-80-generic"), coverage.kernelReleases());

        given().get("/q/metrics").then().body(containsString("airlock_coverage_gaps{type=\"opensearch-plugin\"}"));

        // The Welkin snippets use the declared versions and this installation's hostnames. Two versions declared
        // without clusters: one sc-config.yaml per version, each listing only that version's zip (a plugin built
        // for 2.8.0 does not install on 2.11.1). WelkinConfigTest checks every key against Welkin's schema.
        String yaml = given().get("/api/v1/config/welkin")
                .then()
                .statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("url: http://fileserver.air-gapped.internal:8080/falcoctl/index.yaml\n"))
                .body(containsString("repoURL: http://fileserver.air-gapped.internal:8080\n"))
                .body(containsString("- http://fileserver.air-gapped.internal:8080/repository-s3-2.8.0.zip\n"))
                .body(containsString("- http://fileserver.air-gapped.internal:8080/repository-s3-2.11.1.zip\n"))
                .body(containsString("dbRegistry: registry.air-gapped.internal\n"))
                .body(containsString("dbRepository: aquasecurity/trivy-db\n"))
                .body(containsString("javaDbRepository: aquasecurity/trivy-java-db\n"))
                .body(containsString("dbRepositoryInsecure: false\n"))
                .extract()
                .asString();
        // Each document is YAML an operator can merge: common-config.yaml, then one sc-config.yaml per version.
        var documents = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readValues(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().createParser(yaml),
                        com.fasterxml.jackson.databind.JsonNode.class)
                .readAll();
        org.junit.jupiter.api.Assertions.assertEquals(3, documents.size());
        org.junit.jupiter.api.Assertions.assertEquals(
                "registry.air-gapped.internal",
                documents.get(0).at("/trivy/scanner/dbRegistry").asText());
        org.junit.jupiter.api.Assertions.assertEquals(
                "http://fileserver.air-gapped.internal:8080/repository-s3-2.11.1.zip",
                documents.get(1).at("/opensearch/plugins/additionalPlugins/0").asText());
        org.junit.jupiter.api.Assertions.assertEquals(
                1, documents.get(1).at("/opensearch/plugins/additionalPlugins").size());
        org.junit.jupiter.api.Assertions.assertEquals(
                "http://fileserver.air-gapped.internal:8080/repository-s3-2.8.0.zip",
                documents.get(2).at("/opensearch/plugins/additionalPlugins/0").asText());
        org.junit.jupiter.api.Assertions.assertEquals(
                1, documents.get(2).at("/opensearch/plugins/additionalPlugins").size());
    }

    @Test
    void malformedDeclarationsAreRefusedAndChangeNothing() {
        admin().body(kubectlNodes("keep-1 6.1.0-1-amd64 amd64"))
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(200);

        admin().body("{\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"n1\"},\"status\":{}}]}")
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:airlock:catalog:invalid-nodes"))
                .body("detail", containsString("n1"));
        admin().body("{\"kind\":\"Pod\"}").put("/api/v1/coverage/nodes").then().statusCode(400);
        admin().body("[1,2,3]")
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        admin().body("{\"items\": [").put("/api/v1/coverage/nodes").then().statusCode(400);
        admin().body("{\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"ok\"},\"status\":{\"nodeInfo\":{"
                        + "\"kernelVersion\":\"6.1.0\",\"architecture\":\"amd64\"}}},{\"metadata\":{},\"status\":{}}]}")
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(400)
                .body("detail", containsString("items[1]"));
        given().get("/api/v1/coverage/nodes").then().statusCode(200).body("name", equalTo(java.util.List.of("keep-1")));

        admin().body("{\"versions\":[\"2.8\"]}")
                .put("/api/v1/coverage/opensearch-versions")
                .then()
                .statusCode(400);
        admin().body("{\"schemas\":[{\"kind\":\"file\",\"version\":1}]}")
                .put("/api/v1/coverage/schemas")
                .then()
                .statusCode(400);
        admin().body("{\"schemas\":[{\"kind\":\"trivy-db\",\"version\":0}]}")
                .put("/api/v1/coverage/schemas")
                .then()
                .statusCode(400);
        given().contentType("application/json")
                .body("{\"versions\":[]}")
                .put("/api/v1/coverage/opensearch-versions")
                .then()
                .statusCode(401);
    }
}
