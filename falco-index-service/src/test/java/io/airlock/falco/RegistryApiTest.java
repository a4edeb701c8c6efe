package io.airlock.falco;

import static io.airlock.falco.TestDrivers.admin;
import static io.airlock.falco.TestDrivers.anon;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.falco.store.FileTree;
import io.airlock.storage.BlobInfo;
import io.airlock.testkit.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Falco rulesfiles and plugins pushed and pulled as OCI artifacts on /v2, and the index that follows them. */
@QuarkusTest
class RegistryApiTest {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";

    @Inject
    FileTree tree;

    String repo;

    @BeforeEach
    void uniqueRepo() {
        repo = "falcosecurity/rules/t" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String digest(byte[] b) {
        return "sha256:" + Fixtures.sha256Hex(b);
    }

    void blob(String repository, byte[] content) {
        admin().contentType("application/octet-stream")
                .body(content)
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + digest(content))
                .then()
                .statusCode(201)
                .header("Docker-Content-Digest", digest(content));
    }

    /** An artifact's manifest JSON after pushing its config and one layer. */
    String artifact(String repository, String type, String configJson, byte[] layer, String layerType) {
        byte[] config = configJson.getBytes(StandardCharsets.UTF_8);
        blob(repository, config);
        blob(repository, layer);
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.cncf.falco." + type + ".config.v1+json\",\"digest\":\"" + digest(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"" + layerType
                + "\",\"digest\":\"" + digest(layer) + "\",\"size\":" + layer.length
                + ",\"annotations\":{\"org.opencontainers.image.title\":\"rules.tar.gz\"}}]}";
    }

    String rulesfile(String name, String version) {
        return artifact(
                repo,
                "rulesfile",
                "{\"name\":\"" + name + "\",\"version\":\"" + version
                        + "\",\"dependencies\":[],\"requirements\":[{\"name\":\"engine_version_semver\",\"version\":\"0.31.0\"}]}",
                Fixtures.randomBytes(2000, version.hashCode()),
                "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz");
    }

    Response push(String repository, String tag, String manifest, String mediaType) {
        return admin().contentType(mediaType)
                .body(manifest.getBytes(StandardCharsets.UTF_8))
                .put("/v2/" + repository + "/manifests/" + tag);
    }

    String digestOfTag(String tag) {
        return anon().head("/v2/" + repo + "/manifests/" + tag)
                .then()
                .statusCode(200)
                .extract()
                .header("Docker-Content-Digest");
    }

    String publishedIndex() throws IOException {
        BlobInfo info = tree.store().stat("falcoctl/index.yaml").orElseThrow();
        try (InputStream in = tree.store().open(info, 0, info.size())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrongPasswordIsTheSpecsUnauthorizedNotAnEmpty401() {
        // found by FalcoFuzzTest: the HTTP layer answered a wrong password with an empty 401
        anon().auth()
                .preemptive()
                .basic("admin", "wrong")
                .post("/v2/" + repo + "/blobs/uploads/")
                .then()
                .statusCode(401)
                .contentType("application/json")
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void aRulesfilePushedAsXyzIsPulledByEveryAliasByteForByte() throws IOException {
        String manifest = rulesfile("falco-rules", "3.2.0");
        push(repo, "3.2.0", manifest, MANIFEST)
                .then()
                .statusCode(201)
                .header("Docker-Content-Digest", digest(manifest.getBytes(StandardCharsets.UTF_8)));
        for (String tag : new String[] {"3.2.0", "3.2", "3", "latest"}) {
            Response head = anon().head("/v2/" + repo + "/manifests/" + tag);
            assertEquals(200, head.statusCode(), tag);
            assertEquals(MANIFEST, head.contentType());
            assertEquals(String.valueOf(manifest.length()), head.header("Content-Length"));
            assertEquals(digest(manifest.getBytes(StandardCharsets.UTF_8)), head.header("Docker-Content-Digest"));
            assertArrayEquals(
                    manifest.getBytes(StandardCharsets.UTF_8),
                    anon().get("/v2/" + repo + "/manifests/" + tag).asByteArray());
        }
        byte[] layer = Fixtures.randomBytes(2000, "3.2.0".hashCode());
        assertArrayEquals(
                layer,
                anon().get("/v2/" + repo + "/blobs/" + digest(layer))
                        .then()
                        .statusCode(200)
                        .header("Content-Length", String.valueOf(layer.length))
                        .extract()
                        .asByteArray());
        anon().get("/v2/" + repo + "/tags/list").then().statusCode(200).body("tags.size()", equalTo(4));

        // the index now lists it, at this installation's registry, and only it
        String index = publishedIndex();
        assertTrue(index.contains("repository: " + repo), index);
        assertTrue(index.contains("registry: registry.air-gapped.internal"), index);
        assertTrue(index.contains("name: falco-rules"), index);
        anon().get("/api/v1/index")
                .then()
                .statusCode(200)
                .body("find { it.repository == '" + repo + "' }.type", equalTo("rulesfile"));
    }

    @Test
    void aliasesFollowTheNewestVersionAndNeverMoveBackwards() {
        push(repo, "1.2.3", rulesfile("r", "1.2.3"), MANIFEST).then().statusCode(201);
        push(repo, "1.2.4", rulesfile("r", "1.2.4"), MANIFEST).then().statusCode(201);
        String v124 = digestOfTag("1.2.4");
        push(repo, "1.1.9", rulesfile("r", "1.1.9"), MANIFEST).then().statusCode(201);
        assertEquals(v124, digestOfTag("1.2"));
        assertEquals(v124, digestOfTag("1"));
        assertEquals(v124, digestOfTag("latest"));
        assertEquals(digestOfTag("1.1.9"), digestOfTag("1.1"));
        push(repo, "2.0.0", rulesfile("r", "2.0.0"), MANIFEST).then().statusCode(201);
        assertEquals(digestOfTag("2.0.0"), digestOfTag("latest"));
        assertEquals(v124, digestOfTag("1"));
    }

    @Test
    void tagAliasConflictsAreRefused() {
        push(repo, "1.2.4", rulesfile("r", "1.2.4"), MANIFEST).then().statusCode(201);
        String older = rulesfile("r", "1.2.3");
        String[][] conflicts = {
            {"1.3.0", "contradicts"}, // a version tag that is not the config's version
            {"2", "contradicts"}, // an alias of another version
            {"1.2", "never moves backwards"}, // the alias names the newer 1.2.4
            {"latest", "never moves backwards"},
        };
        for (String[] c : conflicts) {
            push(repo, c[0], older, MANIFEST)
                    .then()
                    .statusCode(400)
                    .contentType("application/json")
                    .body("errors[0].code", equalTo("MANIFEST_INVALID"))
                    .body("errors[0].detail", containsString(c[1]));
        }
        assertEquals(digestOfTag("1.2.4"), digestOfTag("1.2"));
        // consistent explicit aliases (falcoctl pushes them itself) are accepted
        String newer = rulesfile("r", "1.2.5");
        push(repo, "1.2", newer, MANIFEST).then().statusCode(201);
        push(repo, "1.2.5", newer, MANIFEST).then().statusCode(201);
        push(repo, "dev", newer, MANIFEST).then().statusCode(201);
    }

    @Test
    void configJsonAndMediaTypesAreValidated() {
        String layerType = "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz";
        byte[] layer = Fixtures.randomBytes(100, 7);
        String[][] bad = {
            {"{\"version\":\"1.0.0\"}", "'name'"},
            {"{\"name\":\"r\"}", "'version'"},
            {"{\"name\":\"r\",\"version\":\"latest\"}", "not X.Y.Z"},
            {"{\"name\":\"r\",\"version\":\"1.0.0\",\"dependencies\":\"none\"}", "must be a list"},
            {"{\"name\":\"r\",\"version\":\"1.0.0\",\"requirements\":[{\"name\":\"x\"}]}", "'name' and a 'version'"},
            {"not json", "not JSON"},
        };
        for (String[] b : bad) {
            push(repo, "1.0.0", artifact(repo, "rulesfile", b[0], layer, layerType), MANIFEST)
                    .then()
                    .statusCode(400)
                    .body("errors[0].code", equalTo("MANIFEST_INVALID"))
                    .body("errors[0].detail", containsString(b[1]));
        }
        String good = "{\"name\":\"r\",\"version\":\"1.0.0\"}";
        push(
                        repo,
                        "1.0.0",
                        artifact(repo, "rulesfile", good, layer, "application/vnd.oci.image.layer.v1.tar+gzip"),
                        MANIFEST)
                .then()
                .statusCode(400)
                .body("errors[0].detail", containsString("exactly one layer"));
        push(repo, "1.0.0", artifact(repo, "image", good, layer, layerType), MANIFEST)
                .then()
                .statusCode(400)
                .body("errors[0].detail", containsString("not a Falco artifact"));
        anon().head("/v2/" + repo + "/manifests/1.0.0").then().statusCode(404);
    }

    @Test
    void aPluginIsAnIndexWithOneManifestPerPlatform() throws IOException {
        String name =
                "falcosecurity/plugins/plugin/t" + UUID.randomUUID().toString().substring(0, 8);
        String layerType = "application/vnd.cncf.falco.plugin.layer.v1+tar.gz";
        String config =
                "{\"name\":\"k8saudit\",\"version\":\"0.7.0\",\"requirements\":[{\"name\":\"plugin_api_version\","
                        + "\"version\":\"3.0.0\"}]}";
        String amd = artifact(name, "plugin", config, Fixtures.randomBytes(500, 1), layerType);
        String arm = artifact(name, "plugin", config, Fixtures.randomBytes(500, 2), layerType);
        String amdDigest = digest(amd.getBytes(StandardCharsets.UTF_8));
        String armDigest = digest(arm.getBytes(StandardCharsets.UTF_8));
        push(name, amdDigest, amd, MANIFEST).then().statusCode(201);
        push(name, armDigest, arm, MANIFEST).then().statusCode(201);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MANIFEST + "\",\"digest\":\"" + amdDigest + "\",\"size\":" + amd.length()
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                + "{\"mediaType\":\"" + MANIFEST + "\",\"digest\":\"" + armDigest + "\",\"size\":" + arm.length()
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}}]}";
        String noPlatform = index.replace(",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}", "");
        push(name, "0.7.0", noPlatform, INDEX)
                .then()
                .statusCode(400)
                .body("errors[0].detail", containsString("platform"));
        push(name, "0.7.0", index, INDEX).then().statusCode(201);
        anon().get("/v2/" + name + "/manifests/0.7")
                .then()
                .statusCode(200)
                .contentType(INDEX)
                .body("manifests.size()", equalTo(2));
        String published = publishedIndex();
        assertTrue(published.contains("repository: " + name), published);
        assertTrue(published.contains("type: plugin"), published);
    }

    @Test
    void pushesNeedTheAdminCredentialAndThePingSaysSo() {
        anon().get("/v2/")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        admin().get("/v2/").then().statusCode(200);
        byte[] b = Fixtures.randomBytes(10, 3);
        anon().body(b)
                .post("/v2/" + repo + "/blobs/uploads/?digest=" + digest(b))
                .then()
                .statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        anon().contentType(MANIFEST)
                .body("{}")
                .put("/v2/" + repo + "/manifests/1.0.0")
                .then()
                .statusCode(401);
        anon().get("/v2/" + repo + "/manifests/latest")
                .then()
                .statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void anUnhostedUpstreamEntryNeverAppearsButAHostedOneIsDescribedByIt() throws IOException {
        String upstream = "- name: my-rules\n  type: rulesfile\n  registry: ghcr.io\n  repository: " + repo + "\n"
                + "  description: Described upstream\n  home: https://example.org\n  keywords: [k]\n"
                + "  license: apache-2.0\n  maintainers: [{email: a@example.org, name: A}]\n  sources: [https://example.org]\n"
                + "  signature: {cosign: {certificate-oidc-issuer: https://token.actions.githubusercontent.com}}\n"
                + "- name: not-here\n  type: plugin\n  registry: ghcr.io\n  repository: nobody/" + repo + "\n";
        admin().body(upstream.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/index/upstream")
                .then()
                .statusCode(200)
                .body("notHosted.name", org.hamcrest.Matchers.hasItem("my-rules"));
        push(repo, "0.1.0", rulesfile("my-rules", "0.1.0"), MANIFEST).then().statusCode(201);
        admin().get("/api/v1/index/upstream")
                .then()
                .statusCode(200)
                .body("hosted.name", org.hamcrest.Matchers.hasItem("my-rules"))
                .body("notHosted.name", org.hamcrest.Matchers.hasItem("not-here"));
        String index = publishedIndex();
        assertTrue(index.contains("description: Described upstream"), index);
        assertFalse(index.contains("not-here"), index);
        assertFalse(index.contains("ghcr.io"), index);
        assertFalse(index.contains("token.actions"), index);
    }
}
