package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.catalog.engine.FreshnessEngine;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Image coverage: the pods' images against the registered container images, and the inventory endpoint. Declares
 * pods and clears them when done, so that the other coverage tests see none.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class ImageCoverageApiTest {
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final String D3 = "sha256:" + "3".repeat(64);
    static final String D9 = "sha256:" + "9".repeat(64);

    @Inject
    FreshnessEngine engine;

    @AfterEach
    void clearPods() {
        for (String cluster : List.of("", "sc-prod", "wc-prod")) {
            admin().queryParam("cluster", cluster)
                    .body("{\"kind\":\"List\",\"items\":[]}")
                    .put("/api/v1/coverage/pods")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void eachNamedClusterReplacesOnlyItsOwnDeclaration() {
        admin().queryParam("cluster", "sc-prod")
                .body(podList(pod("a", "p", "\"containers\":[" + container("c", "busybox:1.36") + "]", "")))
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(200);
        admin().queryParam("cluster", "wc-prod")
                .body(podList(pod("b", "q", "\"containers\":[" + container("c", "busybox:1.36") + "]", "")))
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(200)
                .body("pods", equalTo(2))
                .body("images[0].pods.cluster", equalTo(List.of("sc-prod", "wc-prod")));
        admin().queryParam("cluster", "wc-prod")
                .body(podList(pod("b", "q", "\"containers\":[" + container("c", "nginx:1.27") + "]", "")))
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(200)
                .body(
                        "images.reference",
                        equalTo(List.of("docker.io/library/busybox:1.36", "docker.io/library/nginx:1.27")))
                .body("images[0].pods.cluster", equalTo(List.of("sc-prod")));
        admin().queryParam("cluster", "Not A Name")
                .body(podList())
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("cluster 'Not A Name' is not a name"));
    }

    static String pod(String namespace, String name, String containers, String statuses) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                + namespace + "\",\"uid\":\"u\"},\"spec\":{" + containers + ",\"nodeName\":\"worker-1\"},"
                + "\"status\":{\"phase\":\"Running\"" + (statuses.isEmpty() ? "" : "," + statuses) + "}}";
    }

    static String container(String name, String image) {
        return "{\"name\":\"" + name + "\",\"image\":\"" + image + "\",\"imagePullPolicy\":\"IfNotPresent\"}";
    }

    static String status(String name, String imageId) {
        return "{\"name\":\"" + name + "\",\"ready\":true,\"imageID\":\"" + imageId + "\"}";
    }

    static String podList(String... pods) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + String.join(",", pods)
                + "],\"metadata\":{\"resourceVersion\":\"\"}}";
    }

    /** A cluster: nginx and prometheus report their running digests, pause and a ghcr.io app do not. */
    static final String CLUSTER = podList(
            pod(
                    "shop",
                    "web-1",
                    "\"initContainers\":[" + container("wait", "registry.k8s.io/pause:3.9") + "],\"containers\":["
                            + container("web", "nginx:1.25") + "," + container("app", "ghcr.io/acme/shop:2.0") + "]",
                    "\"containerStatuses\":[" + status("web", "docker.io/library/nginx@" + D1) + ","
                            + status("app", "sha256:" + "4".repeat(64)) + "]"),
            pod(
                    "shop",
                    "web-2",
                    "\"containers\":[" + container("web", "docker.io/library/nginx:1.25") + "]",
                    "\"containerStatuses\":[" + status("web", "docker-pullable://nginx@" + D1) + "]"),
            pod(
                    "monitoring",
                    "prometheus-0",
                    "\"containers\":[" + container("prometheus", "quay.io/prometheus/prometheus:v2.54.1") + ","
                            + container("broken", "Quay.io/UPPER:x") + "]",
                    "\"containerStatuses\":[" + status("prometheus", "quay.io/prometheus/prometheus@" + D2) + "]"));

    static void registerImage(String name, String version, String digest, List<String> platforms) {
        String repository = name.replaceAll("[:@].*$", "");
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "kind",
                "container-image",
                "name",
                name,
                "digest",
                digest,
                "size",
                1234,
                "mediaType",
                "application/vnd.oci.image.index.v1+json",
                "location",
                "registry.air-gapped.internal/" + repository + "@" + digest,
                "upstreamSource",
                name,
                "platforms",
                platforms));
        if (version != null) {
            body.put("version", version);
        }
        admin().body(body).post("/api/v1/versions").then().statusCode(201);
    }

    @Test
    void imagesInUseThatAreNotHostedAreGapsWithTheirPodsMetricAndAlert() {
        // hosted: nginx at the digest it runs (registered under its tag), pause by tag; prometheus is registered
        // under its tag but at another digest than the one running
        registerImage("docker.io/library/nginx:1.25", "1.25", D1, List.of("linux/amd64", "linux/arm64"));
        registerImage("registry.k8s.io/pause:3.9", "3.9", D9, List.of("linux/amd64"));
        registerImage("quay.io/prometheus/prometheus:v2.54.1", "v2.54.1", D3, List.of());

        JsonPath declared = admin().body(CLUSTER)
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(200)
                .body("pods", equalTo(3))
                .body("images", hasSize(4))
                .body("problems", hasSize(1))
                .body("problems[0].location", equalTo("pod monitoring/prometheus-0 container broken"))
                .body("problems[0].message", containsString("Quay.io/UPPER:x"))
                .extract()
                .jsonPath();
        assertEquals(
                List.of(
                        "docker.io/library/nginx:1.25@" + D1,
                        "ghcr.io/acme/shop:2.0",
                        "quay.io/prometheus/prometheus:v2.54.1@" + D2,
                        "registry.k8s.io/pause:3.9"),
                declared.getList("images.reference"));
        assertEquals(List.of(true, false, false, true), declared.getList("images.hosted"));
        assertEquals(List.of(2, 1, 1, 1), declared.getList("images.podCount"));
        assertEquals("docker.io/library/nginx:1.25", declared.getString("images[0].image"));
        assertEquals("docker.io/library/nginx", declared.getString("images[0].repository"));

        // GET answers the stored declaration (problems are the declaration's answer only)
        given().get("/api/v1/coverage/pods")
                .then()
                .statusCode(200)
                .body("pods", equalTo(3))
                .body("images.reference", equalTo(declared.getList("images.reference")))
                .body("images[0].pods.pod", equalTo(List.of("web-1", "web-2")))
                .body("declaredAt", not(nullValue()))
                .body("problems", hasSize(0));

        JsonPath report =
                given().get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> gaps = report.getList("gaps.findAll { it.type == 'container-image' }");
        assertEquals(2, gaps.size(), gaps.toString());
        assertEquals("ghcr.io/acme/shop:2.0", gaps.get(0).get("subject"));
        assertEquals("ghcr.io/acme/shop:2.0", gaps.get(0).get("missing"));
        assertEquals(0, gaps.get(0).get("nodes"));
        assertEquals(
                "ghcr.io/acme/shop:2.0 is used by 1 container (shop/web-1) but not hosted (by tag)",
                gaps.get(0).get("message"));
        assertEquals("quay.io/prometheus/prometheus:v2.54.1", gaps.get(1).get("subject"));
        assertEquals("quay.io/prometheus/prometheus:v2.54.1@" + D2, gaps.get(1).get("missing"));
        assertTrue(((String) gaps.get(1).get("message")).endsWith("not hosted (by digest " + D2 + ")"));
        assertEquals(false, report.getBoolean("complete"));
        assertEquals(
                List.of("ghcr.io/acme/shop:2.0", "quay.io/prometheus/prometheus:v2.54.1@" + D2),
                report.getList("missingImages.reference"));
        assertEquals("prometheus-0", report.getString("missingImages[1].pods[0].pod"));

        // the metric counts them; the catalog pushes one AirlockImageMissing per image
        AlertReceiverResource.BODIES.clear();
        engine.evaluate();
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("airlock_catalog_images_missing 2.0"), metrics);
        assertTrue(
                !metrics.contains("airlock_coverage_gaps{type=\"container-image\"}"), "images have their own metric");
        String pushed = String.join("\n", AlertReceiverResource.BODIES);
        assertTrue(pushed.contains("\"alertname\":\"AirlockImageMissing\""), pushed);
        assertTrue(pushed.contains("\"artifact\":\"ghcr.io/acme/shop:2.0\""), pushed);
        assertTrue(!pushed.contains("\"alertname\":\"AirlockCoverageGap\",\"artifact\":\"ghcr.io"), pushed);

        // carrying the running digest of prometheus and the app's tag closes both gaps
        registerImage("quay.io/prometheus/prometheus:v2.54.1", "v2.54.1", D2, List.of("linux/amd64"));
        registerImage("ghcr.io/acme/shop:2.0", "2.0", "sha256:" + "5".repeat(64), List.of("linux/amd64"));
        given().get("/api/v1/coverage").then().statusCode(200).body("gaps.type", not(hasItem("container-image")));
        engine.evaluate();
        assertTrue(
                given().get("/q/metrics").then().extract().asString().contains("airlock_catalog_images_missing 0.0"));
    }

    @Test
    void fiveThousandPodsAreDeclaredInBoundedTime() {
        StringBuilder body = new StringBuilder("{\"kind\":\"List\",\"items\":[");
        String padding = "\"annotations\":{\"note\":\"" + "x".repeat(4000) + "\"}";
        for (int i = 0; i < 5000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"kind\":\"Pod\",\"metadata\":{\"namespace\":\"ns-")
                    .append(i % 40)
                    .append("\",\"name\":\"pod-")
                    .append(i)
                    .append("\",")
                    .append(padding)
                    .append("},\"spec\":{\"containers\":[")
                    .append(container("app", "registry.example.com/team/app-" + (i % 60) + ":1.0"))
                    .append(",")
                    .append(container("proxy", "envoyproxy/envoy:v1.31.0"))
                    .append("]},\"status\":{\"containerStatuses\":[")
                    .append(status("proxy", "docker.io/envoyproxy/envoy@" + D9))
                    .append("]}}");
        }
        body.append("]}");
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(bytes.length > 20_000_000, "size " + bytes.length);
        // the JDK's client: REST Assured itself spends tens of seconds encoding a body this size
        long start = System.nanoTime();
        java.net.http.HttpResponse<String> response;
        try {
            response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI
                                            + ":" + io.restassured.RestAssured.port + "/api/v1/coverage/pods"))
                                    .header("Content-Type", "application/json")
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + java.util.Base64.getEncoder()
                                                            .encodeToString((TestData.ADMIN + ":" + TestData.PASSWORD)
                                                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode(), response.body());
        JsonPath answer = new JsonPath(response.body());
        assertEquals(5000, answer.getInt("pods"));
        assertEquals(61, answer.getList("images").size());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("PUT /api/v1/coverage/pods, 5000 pods, %d MB: %d ms%n", bytes.length / 1_000_000, millis);
        assertTrue(millis < 30_000, "5,000 pods took " + millis + " ms");
        given().get("/api/v1/coverage")
                .then()
                .statusCode(200)
                .body("missingImages", hasSize(61))
                .body("missingImages[0].podCount", equalTo(5000))
                .body("missingImages[0].pods", hasSize(20));
    }

    @Test
    void aDigestOnlyRegistrationCoversPodsPinnedToThatDigest() {
        String d = "sha256:" + "6".repeat(64);
        registerImage("registry.example.com/team/job@" + d, null, d, List.of());
        admin().body(podList(pod(
                        "jobs",
                        "job-1",
                        "\"containers\":[" + container("job", "registry.example.com/team/job@" + d) + "]",
                        "")))
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(200)
                .body("images[0].reference", equalTo("registry.example.com/team/job@" + d))
                .body("images[0].hosted", equalTo(true));
    }

    @Test
    void badBodiesAreProblemsAndKeepThePreviousDeclaration() {
        admin().body(podList(pod("a", "p", "\"containers\":[" + container("c", "busybox:1.36") + "]", "")))
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(200);
        for (String bad : List.of(
                "not json",
                "{\"kind\":\"List\",\"items\":[{\"kind\":\"Node\",\"metadata\":{\"name\":\"n\"}}]}",
                "{\"kind\":\"List\",\"items\":[{\"kind\":\"Pod\"",
                "[]",
                "")) {
            admin().body(bad)
                    .put("/api/v1/coverage/pods")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:airlock:catalog:invalid-pods"))
                    .body("detail", not(nullValue()));
        }
        given().get("/api/v1/coverage/pods")
                .then()
                .body("images.reference", equalTo(List.of("docker.io/library/busybox:1.36")));
        given().body(CLUSTER)
                .contentType("application/json")
                .put("/api/v1/coverage/pods")
                .then()
                .statusCode(401);
    }

    @Test
    void inventoryEndpointReadsEachKindByQueryOrContentType() {
        given().contentType("text/plain")
                .body("# list\nnginx:1.25\ndocker.io/library/nginx:1.25\nregistry.k8s.io/pause:3.9\nBad Ref\n")
                .post("/api/v1/images/inventory")
                .then()
                .statusCode(200)
                .body("images.reference", equalTo(List.of("docker.io/library/nginx:1.25", "registry.k8s.io/pause:3.9")))
                .body("images[0].uses", hasSize(2))
                .body("upstreams.'registry.k8s.io'", equalTo(List.of("registry.k8s.io/pause:3.9")))
                .body("problems[0].location", equalTo("line 5"))
                .body("problems[0].message", containsString("white space"));
        given().contentType("application/yaml")
                .body("spec:\n  image:\n    registry: docker.io\n    repository: bitnami/redis\n    tag: 7.4.1\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/images/inventory")
                .then()
                .statusCode(200)
                .body("images[0].reference", equalTo("docker.io/bitnami/redis:7.4.1"));
        given().contentType("application/octet-stream")
                .queryParam("kind", "pods")
                .body(CLUSTER.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/images/inventory")
                .then()
                .statusCode(200)
                .body("pods", equalTo(3))
                .body("images", hasSize(4));
        given().contentType("application/octet-stream")
                .body("nginx".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/images/inventory")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("?kind=list|helm|pods"));
        given().queryParam("kind", "compose")
                .contentType("text/plain")
                .body("nginx")
                .post("/api/v1/images/inventory")
                .then()
                .statusCode(400)
                .body("detail", equalTo("unknown kind 'compose'; known kinds: list, helm, pods"));
        given().contentType("application/yaml")
                .body("a: [1, 2\nb: {".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/images/inventory")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("body: not YAML at line"));
    }

    @Test
    void platformsOfARegisteredImageAreStoredAndShown() {
        String d = "sha256:" + "7".repeat(64);
        registerImage("docker.io/library/redis:7.4", "7.4", d, List.of("linux/amd64", "linux/arm64/v8", "linux/amd64"));
        given().queryParam("name", "docker.io/library/redis:7.4")
                .get("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("items[0].platforms", equalTo(List.of("linux/amd64", "linux/arm64/v8")));
        admin().body(Map.of(
                        "kind",
                        "container-image",
                        "name",
                        "docker.io/library/redis:7.5",
                        "digest",
                        "sha256:" + "8".repeat(64),
                        "size",
                        1,
                        "location",
                        "x",
                        "platforms",
                        List.of("Linux AMD64")))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'Linux AMD64' is not os/arch[/variant]"));
    }
}
