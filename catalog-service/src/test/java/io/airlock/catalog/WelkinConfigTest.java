package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Welkin snippets against the facts of Welkin's config schema (compliantkubernetes-apps
 * {@code config/schemas/config.yaml}, JSON Schema 2020-12): for every emitted key its path, type and allowed values, and
 * no key an {@code additionalProperties: false} object would refuse. Declarations are restored to none afterwards.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class WelkinConfigTest {
    static final String FILESERVER = "http://fileserver.air-gapped.internal:8080";
    static final String REGISTRY = "registry.air-gapped.internal";
    /** Welkin's {@code iplist} item pattern. */
    static final Pattern IP_NETMASK = Pattern.compile("^[0-9a-f.:]{2,45}/[0-9]{1,3}$");

    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void declareNothing() {
        admin().body("{\"versions\":[]}")
                .put("/api/v1/coverage/opensearch-versions")
                .then()
                .statusCode(200);
        admin().body("{\"kind\":\"List\",\"items\":[]}")
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(200);
    }

    static void declareClusters() {
        admin().body("{\"clusters\":[{\"name\":\"sc-green\",\"version\":\"2.11.1\"},"
                        + "{\"name\":\"sc-blue\",\"version\":\"2.8.0\"}]}")
                .put("/api/v1/coverage/opensearch-versions")
                .then()
                .statusCode(200)
                .body("", equalTo(List.of("2.11.1", "2.8.0")));
    }

    static void declareKernels(String... kernels) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < kernels.length; i++) {
            nodes.add("node-" + i + " " + kernels[i] + " amd64");
        }
        admin().body(CoverageApiTest.kubectlNodes(nodes.toArray(String[]::new)))
                .put("/api/v1/coverage/nodes")
                .then()
                .statusCode(200);
    }

    static JsonNode json(String path) throws Exception {
        return JSON.readTree(given().accept("application/json")
                .get(path)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString());
    }

    static List<JsonNode> yamlDocuments(String yaml) throws Exception {
        return new YAMLMapper()
                .readValues(new YAMLFactory().createParser(yaml), JsonNode.class)
                .readAll();
    }

    @Test
    void everyKeyHasWelkinsPathTypeAndAllowedValues() throws Exception {
        declareClusters();
        ContainerdConfigTest.registerImages();
        JsonNode all = json("/api/v1/config/welkin");
        JsonNode documents = all.get("documents");
        assertEquals(3, documents.size(), all.toPrettyString());

        JsonNode common = documents.get(0);
        assertEquals("common-config.yaml", common.get("file").asText());
        JsonNode c = common.get("config");
        keys(c, "", "falco", "trivy", "networkPolicies");

        // falco: additionalProperties false
        keys(c.get("falco"), "falco", "artifact", "customIndexes", "driver");
        keys(c.at("/falco/artifact"), "falco.artifact", "install");
        keys(c.at("/falco/artifact/install"), "falco.artifact.install", "enabled");
        assertTrue(c.at("/falco/artifact/install/enabled").isBoolean());
        assertTrue(c.at("/falco/artifact/install/enabled").booleanValue());
        JsonNode indexes = c.at("/falco/customIndexes");
        assertTrue(indexes.isArray());
        assertEquals(1, indexes.size());
        keys(indexes.get(0), "falco.customIndexes[0]", "name", "url");
        assertTrue(indexes.get(0).get("name").isTextual());
        assertEquals(FILESERVER + "/falcoctl/index.yaml", uri(indexes.get(0).get("url")));
        keys(c.at("/falco/driver"), "falco.driver", "kind", "module");
        assertEquals("kmod", c.at("/falco/driver/kind").textValue());
        assertTrue(Set.of("kmod", "modern_ebpf", "ebpf")
                .contains(c.at("/falco/driver/kind").textValue()));
        keys(c.at("/falco/driver/module"), "falco.driver.module", "repoURL");
        assertEquals(FILESERVER, uri(c.at("/falco/driver/module/repoURL")));

        // trivy.scanner: additionalProperties false; reads are anonymous here, so no imagePullSecret
        keys(c.get("trivy"), "trivy", "scanner");
        JsonNode scanner = c.at("/trivy/scanner");
        keys(
                scanner,
                "trivy.scanner",
                "offlineScanEnabled",
                "dbRegistry",
                "dbRepository",
                "dbRepositoryInsecure",
                "javaDbRegistry",
                "javaDbRepository",
                "registry");
        assertTrue(scanner.get("offlineScanEnabled").isBoolean());
        assertTrue(scanner.get("offlineScanEnabled").booleanValue());
        assertTrue(scanner.get("dbRepositoryInsecure").isBoolean());
        assertFalse(scanner.get("dbRepositoryInsecure").booleanValue());
        assertEquals("registry.air-gapped.internal", scanner.get("dbRegistry").textValue());
        assertEquals("aquasecurity/trivy-db", scanner.get("dbRepository").textValue());
        assertEquals(
                "registry.air-gapped.internal", scanner.get("javaDbRegistry").textValue());
        assertEquals(
                "aquasecurity/trivy-java-db", scanner.get("javaDbRepository").textValue());
        // trivy.scanner.registry: {mirror: map of upstream registry to mirror registry (strings)}. Trivy replaces the
        // upstream host in an image name with the mirror, and spells Docker Hub index.docker.io.
        keys(scanner.get("registry"), "trivy.scanner.registry", "mirror");
        JsonNode mirror = scanner.at("/registry/mirror");
        assertTrue(mirror.isObject());
        mirror.fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual(), e.toString()));
        assertEquals(REGISTRY + "/docker.io", mirror.get("docker.io").textValue());
        assertEquals(REGISTRY + "/docker.io", mirror.get("index.docker.io").textValue());
        assertEquals(REGISTRY + "/quay.io", mirror.get("quay.io").textValue());
        assertEquals(
                REGISTRY + "/registry.k8s.io", mirror.get("registry.k8s.io").textValue());
        assertEquals(REGISTRY + "/localhost_5000", mirror.get("localhost:5000").textValue());

        // networkPolicies.falco.plugins: {ips: iplist, ports: portlist}; the file server's and the Falco registry's
        keys(c.get("networkPolicies"), "networkPolicies", "falco");
        keys(c.at("/networkPolicies/falco"), "networkPolicies.falco", "plugins");
        plugins(c.at("/networkPolicies/falco/plugins"), List.of(8080, 8081));

        for (int i = 1; i <= 2; i++) {
            JsonNode sc = documents.get(i);
            assertEquals("sc-config.yaml", sc.get("file").asText());
            JsonNode s = sc.get("config");
            keys(s, "", "opensearch", "networkPolicies", "harbor");
            keys(s.get("opensearch"), "opensearch", "plugins");
            keys(
                    s.at("/opensearch/plugins"),
                    "opensearch.plugins",
                    "installExternalObjectStoragePlugin",
                    "additionalPlugins");
            assertTrue(s.at("/opensearch/plugins/installExternalObjectStoragePlugin")
                    .isBoolean());
            assertFalse(s.at("/opensearch/plugins/installExternalObjectStoragePlugin")
                    .booleanValue());
            JsonNode zips = s.at("/opensearch/plugins/additionalPlugins");
            assertTrue(zips.isArray());
            zips.forEach(z -> assertTrue(z.isTextual()));
            keys(s.get("networkPolicies"), "networkPolicies", "opensearch");
            keys(s.at("/networkPolicies/opensearch"), "networkPolicies.opensearch", "plugins");
            plugins(s.at("/networkPolicies/opensearch/plugins"), List.of(8080));
            keys(s.get("harbor"), "harbor", "trivy");
            keys(s.at("/harbor/trivy"), "harbor.trivy", "extraEnvVars");
            JsonNode env = s.at("/harbor/trivy/extraEnvVars");
            assertTrue(env.isArray());
            List<String> names = new ArrayList<>();
            env.forEach(e -> {
                keys(e, "harbor.trivy.extraEnvVars[]", "name", "value");
                assertTrue(e.get("value").isTextual());
                names.add(e.get("name").textValue());
            });
            assertEquals(List.of("SCANNER_TRIVY_DB_REPOSITORY", "SCANNER_TRIVY_JAVA_DB_REPOSITORY"), names);
            assertEquals(
                    "registry.air-gapped.internal/aquasecurity/trivy-db",
                    env.get(0).get("value").textValue());
            assertEquals(
                    "registry.air-gapped.internal/aquasecurity/trivy-java-db",
                    env.get(1).get("value").textValue());
        }

        // The YAML is the same trees, each document headed by the file it goes into; no wc-config.yaml.
        String yaml = given().get("/api/v1/config/welkin")
                .then()
                .statusCode(200)
                .contentType(containsString("application/yaml"))
                .extract()
                .asString();
        List<JsonNode> parsed = yamlDocuments(yaml);
        assertEquals(3, parsed.size());
        String[] chunks = yaml.split("(?m)^---\n");
        assertEquals(4, chunks.length, yaml);
        for (int i = 0; i < 3; i++) {
            assertEquals(documents.get(i).get("config"), parsed.get(i), "document " + i);
            String file = documents.get(i).get("file").asText();
            assertTrue(chunks[i + 1].startsWith("# " + file), chunks[i + 1]);
        }
        assertFalse(yaml.contains("wc-config.yaml"), yaml);
    }

    @Test
    void twoClustersOnTwoVersionsEachListOnlyTheirOwnZip() throws Exception {
        declareClusters();
        JsonNode documents = json("/api/v1/config/welkin/sc-config.yaml").get("documents");
        assertEquals(2, documents.size());
        assertEquals("sc-blue", documents.get(0).get("cluster").asText());
        assertEquals(
                List.of(FILESERVER + "/repository-s3-2.8.0.zip"),
                texts(documents.get(0).at("/config/opensearch/plugins/additionalPlugins")));
        assertEquals("sc-green", documents.get(1).get("cluster").asText());
        assertEquals(
                List.of(FILESERVER + "/repository-s3-2.11.1.zip"),
                texts(documents.get(1).at("/config/opensearch/plugins/additionalPlugins")));

        String green = given().queryParam("cluster", "sc-green")
                .get("/api/v1/config/welkin/sc-config.yaml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<JsonNode> parsed = yamlDocuments(green);
        assertEquals(1, parsed.size());
        assertEquals(
                List.of(FILESERVER + "/repository-s3-2.11.1.zip"),
                texts(parsed.get(0).at("/opensearch/plugins/additionalPlugins")));
        assertTrue(green.contains("# sc-config.yaml of service cluster sc-green\n"), green);

        JsonNode common = json("/api/v1/config/welkin/common-config.yaml").get("documents");
        assertEquals(1, common.size());
        assertEquals("common-config.yaml", common.get(0).get("file").asText());
    }

    @Test
    void modernEbpfIsOfferedOnlyWhenEveryKernelIsAtLeast58() throws Exception {
        declareKernels("5.8.0-63-generic", "6.8.0-79-generic", "5.15.0-1-amd64");
        JsonNode alternatives = json("/api/v1/config/welkin").get("alternatives");
        assertEquals(1, alternatives.size());
        assertEquals("common-config.yaml", alternatives.get(0).get("file").asText());
        assertEquals(
                "modern_ebpf",
                alternatives.get(0).at("/config/falco/driver/kind").textValue());
        assertTrue(alternatives.get(0).get("reason").asText().contains("5.8.0-63-generic"));
        String yaml = given().get("/api/v1/config/welkin/common-config.yaml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(yaml.contains("#       kind: modern_ebpf\n"), yaml);
        // Commented out: the document itself still says kmod.
        assertEquals("kmod", yamlDocuments(yaml).get(0).at("/falco/driver/kind").textValue());

        declareKernels("5.8.0-63-generic", "6.8.0-79-generic", "5.4.0-216-generic");
        assertEquals(0, json("/api/v1/config/welkin").get("alternatives").size());
        assertFalse(
                given().get("/api/v1/config/welkin").then().extract().asString().contains("modern_ebpf"));
    }

    @Test
    void olderWelkinReleasesGetTheModuleSpelling() throws Exception {
        assertEquals(
                "module",
                json("/api/v1/config/welkin?driverKind=module")
                        .at("/documents/0/config/falco/driver/kind")
                        .textValue());
        given().queryParam("driverKind", "probe")
                .get("/api/v1/config/welkin")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("kmod"));
    }

    @Test
    void withoutAnyVersionTheOperatorIsToldToSetIt() throws Exception {
        JsonNode documents = json("/api/v1/config/welkin").get("documents");
        assertEquals(2, documents.size());
        assertEquals(List.of("set-me"), texts(documents.get(1).at("/config/opensearch/plugins/additionalPlugins")));
        assertTrue(documents.get(1).get("notes").get(0).asText().contains("opensearch-versions"));
    }

    @Test
    void badDeclarationsAreRefusedAndThePreviousOneStays() throws Exception {
        declareClusters();
        JsonNode before = json("/api/v1/config/welkin");
        for (String bad : List.of(
                "{\"clusters\":[{\"name\":\"sc-purple\",\"version\":\"2.8.0\"}]}",
                "{\"clusters\":[{\"name\":\"sc-blue\",\"version\":\"2.8\"}]}",
                "{\"clusters\":[{\"name\":\"sc-blue\",\"version\":\"2.8.0\"},{\"name\":\"sc-blue\",\"version\":"
                        + "\"2.9.0\"}]}",
                "{\"clusters\":[{\"name\":\"SC Blue\",\"version\":\"2.8.0\"}]}",
                "{\"clusters\":[{\"version\":\"2.8.0\"}]}",
                "{\"clusters\":[]}",
                "{\"versions\":[\"two\"]}",
                "{}")) {
            admin().body(bad)
                    .put("/api/v1/coverage/opensearch-versions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
        admin().body("{\"clusters\":[{\"name\":\"sc-purple\",\"version\":\"2.8.0\"}]}")
                .put("/api/v1/coverage/opensearch-versions")
                .then()
                .body("detail", containsString("unknown service cluster 'sc-purple'"));
        assertEquals(before, json("/api/v1/config/welkin"));
        given().get("/api/v1/coverage/opensearch-versions")
                .then()
                .statusCode(200)
                .body("", equalTo(List.of("2.11.1", "2.8.0")));
    }

    @Test
    void unknownFilesAndClustersAreNotFound() {
        declareClusters();
        for (String path : List.of(
                "/api/v1/config/welkin/secrets.yaml",
                "/api/v1/config/welkin/wc-config.yaml",
                "/api/v1/config/welkin/sc-config.yaml?cluster=sc-red")) {
            given().get(path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
        }
        given().get("/api/v1/config/welkin/wc-config.yaml").then().body("detail", containsString("common-config.yaml"));
        given().accept("application/json")
                .get("/api/v1/config/welkin/sc-config.yaml?cluster=sc-blue")
                .then()
                .statusCode(200)
                .body("documents", hasSize(1));
    }

    /** The object has exactly these keys (Welkin's objects refuse any other). */
    static void keys(JsonNode object, String path, String... expected) {
        assertTrue(object != null && object.isObject(), path + " is an object: " + object);
        List<String> actual = new ArrayList<>();
        object.fieldNames().forEachRemaining(actual::add);
        assertEquals(Set.of(expected), Set.copyOf(actual), path);
        assertEquals(expected.length, actual.size(), path);
    }

    /** {@code ips}: Welkin's iplist (address/netmask strings); {@code ports}: its portlist (integers 1..65535). */
    static void plugins(JsonNode plugins, List<Integer> ports) {
        keys(plugins, "plugins", "ips", "ports");
        assertEquals(List.of("10.20.0.5/32", "2001:db8::5/128"), texts(plugins.get("ips")));
        plugins.get("ips")
                .forEach(ip -> assertTrue(IP_NETMASK.matcher(ip.textValue()).matches(), ip.toString()));
        List<Integer> actual = new ArrayList<>();
        plugins.get("ports").forEach(p -> {
            assertTrue(p.isInt(), "port " + p + " is an integer");
            assertTrue(p.intValue() >= 1 && p.intValue() <= 65535);
            actual.add(p.intValue());
        });
        assertEquals(ports, actual);
    }

    static String uri(JsonNode node) {
        assertTrue(node.isTextual());
        URI uri = URI.create(node.textValue());
        assertTrue(uri.isAbsolute(), node + " is an absolute URI");
        return node.textValue();
    }

    static List<String> texts(JsonNode array) {
        assertTrue(array.isArray(), array + " is an array");
        List<String> values = new ArrayList<>();
        array.forEach(v -> {
            assertTrue(v.isTextual(), v + " is a string");
            values.add(v.textValue());
        });
        return values;
    }
}
