package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated node configuration: containerd hosts.toml per upstream, the list of upstreams in use, and Kubespray's
 * {@code containerd_registries_mirrors}, from the container images registered as an import registers them. The
 * registry in these tests is the default {@code registry.air-gapped.internal} over HTTPS.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class ContainerdConfigTest {
    static final String REGISTRY = "registry.air-gapped.internal";

    /** Registers an imported image as a bundle import does: name {@code <mirrorRepository>:<tag>}. */
    static void registerImage(String mirrorRepository, String tag, String upstreamSource) {
        String digest = TestData.digestOf(mirrorRepository + ":" + tag);
        admin().body("{\"kind\":\"container-image\",\"name\":\"" + mirrorRepository + ":" + tag + "\",\"version\":\""
                        + tag + "\",\"digest\":\"" + digest + "\",\"size\":1234,\"mediaType\":"
                        + "\"application/vnd.oci.image.index.v1+json\",\"location\":\"" + REGISTRY + "/"
                        + mirrorRepository + "@" + digest + "\",\"upstreamSource\":\"" + upstreamSource
                        + "\",\"platforms\":[\"linux/amd64\",\"linux/arm64\"]}")
                .post("/api/v1/versions")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    /** docker.io, quay.io, registry.k8s.io and a registry with a port: each an upstream in use. */
    static void registerImages() {
        registerImage("docker.io/library/nginx", "1.25", "docker.io/library/nginx:1.25");
        registerImage("docker.io/library/nginx", "1.27", "docker.io/library/nginx:1.27");
        registerImage("quay.io/prometheus/prometheus", "v2.53.0", "quay.io/prometheus/prometheus:v2.53.0");
        registerImage("registry.k8s.io/pause", "3.9", "registry.k8s.io/pause:3.9");
        registerImage("localhost_5000/team/app", "1", "localhost:5000/team/app:1");
    }

    @Test
    void theUpstreamsInUseComeFromTheContainerImagesHeld() {
        registerImages();
        // another kind's name that looks like a host is not an upstream
        admin().body(TestData.version("file", "ghcr.io/not-an-image.zip", "x", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        JsonPath json = given().get("/api/v1/config/containerd")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("mirror", equalTo("https://" + REGISTRY))
                .body("upstreams.upstream", hasItems("docker.io", "localhost:5000", "quay.io", "registry.k8s.io"))
                .body("upstreams.upstream", not(hasItems("ghcr.io")))
                .extract()
                .jsonPath();
        List<String> upstreams = json.getList("upstreams.upstream");
        assertEquals(upstreams.stream().sorted().toList(), upstreams, "sorted");
        assertEquals(Set.copyOf(upstreams).size(), upstreams.size(), "each once, though nginx has two tags");
        assertEquals(
                "https://registry-1.docker.io", json.getString("upstreams.find { it.upstream == 'docker.io' }.server"));
        assertEquals("docker.io/hosts.toml", json.getString("upstreams.find { it.upstream == 'docker.io' }.path"));
        String url = json.getString("upstreams.find { it.upstream == 'localhost:5000' }.hostsToml");
        assertTrue(
                url.startsWith("http://localhost:")
                        && url.endsWith("/api/v1/config/containerd/localhost:5000/hosts.toml"),
                url);
        // the listed URL answers
        given().get(url).then().statusCode(200).body(containsString("server = \"https://localhost:5000\""));
    }

    @Test
    void hostsTomlSendsPullsAndResolvesToTheRegistry() {
        String toml = given().get("/api/v1/config/containerd/docker.io/hosts.toml")
                .then()
                .statusCode(200)
                .contentType("application/toml")
                .extract()
                .asString();
        assertEquals(
                List.of(
                        "server = \"https://registry-1.docker.io\"",
                        "",
                        "[host.\"https://" + REGISTRY + "\"]",
                        "  capabilities = [\"pull\", \"resolve\"]"),
                toml.lines().filter(l -> !l.startsWith("#")).toList());

        // an upstream not in use gets its file too (prepared ahead); names are normalized
        assertTrue(given().get("/api/v1/config/containerd/GHCR.io/hosts.toml")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .contains("server = \"https://ghcr.io\"\n"));
        assertTrue(given().get("/api/v1/config/containerd/index.docker.io/hosts.toml")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .contains("server = \"https://registry-1.docker.io\"\n"));
    }

    @Test
    void aMalformedUpstreamIsAProblem() {
        for (String bad : List.of("bad_host", "quay.io:port", "-quay.io", "a..b")) {
            given().get("/api/v1/config/containerd/" + bad + "/hosts.toml")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("detail", containsString(bad));
        }
        // a path with more components is no upstream either
        given().get("/api/v1/config/containerd/docker.io/library/hosts.toml")
                .then()
                .statusCode(404);
    }

    @Test
    void kubesprayGetsOneMirrorEntryPerUpstreamInItsOwnShape() throws Exception {
        registerImages();
        String yaml = given().get("/api/v1/config/kubespray")
                .then()
                .statusCode(200)
                .contentType("application/yaml")
                .extract()
                .asString();
        JsonNode root = new YAMLMapper().readTree(yaml);
        WelkinConfigTest.keys(root, "", "containerd_registries_mirrors");
        JsonNode entries = root.get("containerd_registries_mirrors");
        assertTrue(entries.isArray());
        List<String> prefixes = new ArrayList<>();
        for (JsonNode e : entries) {
            // roles/container-engine/containerd/templates/hosts.toml.j2 reads prefix, server and mirrors[]
            WelkinConfigTest.keys(e, "entry", "prefix", "server", "mirrors");
            prefixes.add(e.get("prefix").textValue());
            assertEquals(1, e.get("mirrors").size());
            JsonNode m = e.get("mirrors").get(0);
            WelkinConfigTest.keys(m, "mirrors[0]", "host", "capabilities", "skip_verify");
            assertEquals("https://" + REGISTRY, m.get("host").textValue());
            assertEquals(List.of("pull", "resolve"), WelkinConfigTest.texts(m.get("capabilities")));
            assertTrue(m.get("skip_verify").isBoolean());
            assertEquals(false, m.get("skip_verify").booleanValue());
        }
        assertTrue(prefixes.containsAll(List.of("docker.io", "localhost:5000", "quay.io", "registry.k8s.io")), yaml);
        JsonNode hub = entries.findParents("prefix").stream()
                .filter(e -> e.get("prefix").textValue().equals("docker.io"))
                .findFirst()
                .orElseThrow();
        assertEquals("https://registry-1.docker.io", hub.get("server").textValue());
    }
}
