package io.airlock.falco.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Index generation rules: only hosted artifacts, this installation's registry, no upstream signature. */
class IndexServiceTest {

    static List<IndexEntry> upstream() throws IOException {
        try (InputStream in = IndexServiceTest.class.getResourceAsStream("/samples/upstream-index.yaml")) {
            return IndexYaml.read(in.readAllBytes());
        }
    }

    @Test
    void onlyHostedArtifactsAppearWithTheRegistryRewrittenAndNoKeylessSignature() throws IOException {
        List<HostedArtifact> hosted = List.of(
                new HostedArtifact("rulesfile", "falcosecurity/rules/falco-rules", "falco-rules"),
                new HostedArtifact("plugin", "acme/plugins/custom", "custom"));
        List<IndexEntry> entries =
                IndexService.generate(hosted, upstream(), "registry.air-gapped.internal", Optional.empty());

        assertEquals(2, entries.size());
        IndexEntry rules = entries.get(0);
        assertEquals("falco-rules", rules.name());
        assertEquals("registry.air-gapped.internal", rules.registry());
        assertEquals("falcosecurity/rules/falco-rules", rules.repository());
        assertEquals("Falco rules that are loaded by default", rules.description());
        assertEquals("The Falco Authors", rules.maintainers().get(0).name());
        assertNull(rules.signature());
        assertEquals("custom", entries.get(1).name());
        assertTrue(entries.stream().noneMatch(e -> e.name().startsWith("k8saudit")));

        String yaml = new String(IndexYaml.write(entries), StandardCharsets.UTF_8);
        assertFalse(yaml.contains("signature"), yaml);
        assertFalse(yaml.contains("ghcr.io"), yaml);
        for (String key : List.of(
                "name:",
                "type:",
                "registry:",
                "repository:",
                "description:",
                "home:",
                "keywords:",
                "license:",
                "maintainers:",
                "sources:")) {
            assertTrue(yaml.contains(key), key + " in\n" + yaml);
        }
        assertEquals(entries, IndexYaml.read(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anOperatorKeyReplacesUpstreamSignatures() throws IOException {
        IndexEntry.Signature key = new IndexEntry.Signature(new IndexEntry.Cosign(
                "https://fulcio.air-gapped.internal", null, "release@air-gapped.internal", null, null));
        List<IndexEntry> entries = IndexService.generate(
                List.of(new HostedArtifact("plugin", "falcosecurity/plugins/plugin/k8saudit", "k8saudit")),
                upstream(),
                "registry.air-gapped.internal:5000",
                Optional.of(key));
        String yaml = new String(IndexYaml.write(entries), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("certificate-oidc-issuer: https://fulcio.air-gapped.internal"), yaml);
        assertTrue(yaml.contains("certificate-identity: release@air-gapped.internal"), yaml);
        assertFalse(yaml.contains("token.actions.githubusercontent.com"), yaml);
        assertFalse(yaml.contains("regexp"), yaml);
        assertTrue(yaml.contains("registry: registry.air-gapped.internal:5000"), yaml);
    }

    @Test
    void twoArtifactsOfOneNameYieldOneEntry() throws IOException {
        List<IndexEntry> entries = IndexService.generate(
                List.of(
                        new HostedArtifact("rulesfile", "falcosecurity/rules/falco-rules", "falco-rules"),
                        new HostedArtifact("rulesfile", "mirror/falco-rules", "falco-rules")),
                upstream(),
                "r",
                Optional.empty());
        assertEquals(1, entries.size());
    }

    @Test
    void nothingHostedIsAnEmptyList() {
        assertEquals("[]\n", new String(IndexYaml.write(List.of()), StandardCharsets.UTF_8));
        assertEquals(List.of(), IndexYaml.read("[]\n".getBytes(StandardCharsets.UTF_8)));
    }
}
