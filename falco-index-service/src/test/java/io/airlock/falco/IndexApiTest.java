package io.airlock.falco;

import static io.airlock.falco.TestDrivers.admin;
import static io.airlock.falco.TestDrivers.anon;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.airlock.falco.index.IndexEntry;
import io.airlock.falco.index.IndexYaml;
import io.airlock.falco.store.FileTree;
import io.airlock.storage.BlobInfo;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The falcoctl index through HTTP: mirrored upstream, generated from what is hosted only, published for the file server. */
@QuarkusTest
class IndexApiTest {

    @Inject
    FileTree tree;

    String published() throws IOException {
        BlobInfo info = tree.store().stat("falcoctl/index.yaml").orElseThrow();
        try (InputStream in = tree.store().open(info, 0, info.size())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] upstream() throws IOException {
        try (InputStream in = IndexApiTest.class.getResourceAsStream("/samples/upstream-index.yaml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void anIndexIsPublishedAndHoldsNoEntryForAnArtifactNotHosted() throws IOException {
        IndexYaml.read(published().getBytes(StandardCharsets.UTF_8)); // published at start: a valid list
        admin().contentType("application/yaml")
                .body(upstream())
                .put("/api/v1/index/upstream")
                .then()
                .statusCode(200)
                .body("upstreamEntries", equalTo(3))
                .body("hosted.size()", equalTo(0))
                .body("notHosted.size()", equalTo(3))
                .body("notHosted[1].name", equalTo("k8saudit"))
                .body("notHosted[1].type", equalTo("plugin"))
                .body("notHosted[1].repository", equalTo("falcosecurity/plugins/plugin/k8saudit"));
        // nothing of upstream can be pulled here: none of its entries appears
        assertNoUpstreamEntry(published());
        anon().get("/api/v1/index")
                .then()
                .statusCode(200)
                .body("repository", not(hasItem("falcosecurity/plugins/plugin/k8saudit")));
        anon().get("/api/v1/index/upstream").then().statusCode(200).body("notHosted.size()", equalTo(3));
        admin().post("/api/v1/index/publish")
                .then()
                .statusCode(200)
                .body("repository", not(hasItem("falcosecurity/rules/falco-rules")));
        assertNoUpstreamEntry(published());
    }

    static final List<String> UPSTREAM_REPOSITORIES = List.of(
            "falcosecurity/rules/falco-rules",
            "falcosecurity/plugins/plugin/k8saudit",
            "falcosecurity/plugins/ruleset/k8saudit");

    static void assertNoUpstreamEntry(String index) {
        List<IndexEntry> entries = IndexYaml.read(index.getBytes(StandardCharsets.UTF_8));
        for (IndexEntry e : entries) {
            assertFalse(UPSTREAM_REPOSITORIES.contains(e.repository()), index);
            assertFalse(e.registry().equals("ghcr.io"), index);
        }
    }

    @Test
    void badUpstreamIndexesAreRefused() {
        String[][] bad = {
            {"name: falco-rules\ntype: rulesfile\n", "top-level YAML list"},
            {"- name: x\n  type: rulesfile\n  repository: a/b\n", "missing 'registry'"},
            {"- name: x\n  type: driver\n  registry: ghcr.io\n  repository: a/b\n", "not one of"},
            {"- type: plugin\n  registry: ghcr.io\n  repository: a/b\n", "missing 'name'"},
            {"- name: x\n  type: plugin\n  registry: ghcr.io\n  repository: a/b\n  keywords: 3\n", "keywords"},
            {"- just a string\n", "not a mapping"},
            {"- name: [unclosed\n", "YAML"},
            {
                "- {name: x, type: plugin, registry: r, repository: a}\n- {name: x, type: plugin, registry: r, repository: b}\n",
                "duplicate"
            },
        };
        for (String[] b : bad) {
            admin().body(b[0].getBytes(StandardCharsets.UTF_8))
                    .put("/api/v1/index/upstream")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString(b[1]));
        }
        admin().body(new byte[0]).put("/api/v1/index/upstream").then().statusCode(400);
    }

    @Test
    void mirroringNeedsTheAdminCredential() throws IOException {
        anon().body(upstream())
                .put("/api/v1/index/upstream")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        anon().post("/api/v1/index/publish").then().statusCode(401);
    }
}
