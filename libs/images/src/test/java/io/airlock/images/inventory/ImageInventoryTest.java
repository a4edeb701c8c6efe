package io.airlock.images.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInventoryTest {
    static final String CONTROLLER =
            "registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:d5f8217feeac4887cb1ed21f27c2674e58be06bd8f5184cacea2a69abaf78dce";

    static InputStream resource(String name) {
        InputStream in = ImageInventoryTest.class.getResourceAsStream("/inventory/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void helmTemplateOutputGivesEveryImageValueStringsAndMapsAnywhere() throws IOException {
        Inventory inv = new ImageInventory()
                .readHelm("helm.yaml", resource("helm-template.yaml"))
                .result();
        assertEquals(
                List.of(
                        "docker.io/bitnami/postgresql:16.4.0-debian-12-r0",
                        "docker.io/library/busybox:1.36",
                        "docker.io/prometheuscommunity/postgres-exporter:1.10",
                        "ghcr.io/example/migrate@sha256:6d3bd2ad6ad8cd8e8c3b0b1d5df5f1c06d9c8ad86e2b2ec80b0b9ae0a3b3a5f1",
                        "quay.io/prometheus/nginx-exporter@sha256:0a3f4e4a7e3bd8e3b31a5b4c1c3b4b2b5c0d2a53c3df6d2c0f0b7a1a4f2e1b6c",
                        "quay.io/prometheus/prometheus:v2.54.1",
                        CONTROLLER),
                inv.references());
        // busybox:1.36 from an init container and as index.docker.io/library/busybox: one image, two places
        InventoryImage busybox = inv.images().get(1);
        assertEquals(2, busybox.uses().size());
        assertEquals("helm.yaml: line 21", busybox.uses().get(0).where());
        assertEquals(1, inv.problems().size(), inv.problems().toString());
        InventoryProblem p = inv.problems().get(0);
        assertEquals("helm.yaml", p.source());
        assertEquals("line 77", p.location());
        assertTrue(p.message().contains("lowercase"), p.message());
        assertEquals(
                List.of("docker.io", "ghcr.io", "quay.io", "registry.k8s.io"),
                List.copyOf(inv.byUpstream().keySet()));
    }

    @Test
    void imageListSkipsCommentsBlanksAndYqNoiseAndNamesBadLines() throws IOException {
        Inventory inv = new ImageInventory()
                .readList("images-sc.list", resource("images.list"))
                .result();
        assertEquals(
                List.of(
                        "docker.io/library/nginx:1.25",
                        "ghcr.io/aquasecurity/trivy-operator:0.22.0",
                        "localhost:5000/app:latest",
                        "quay.io/jetstack/cert-manager-controller:v1.15.3",
                        CONTROLLER,
                        "registry.k8s.io/pause:3.9"),
                inv.references());
        assertEquals(2, inv.images().get(0).uses().size());
        assertEquals(1, inv.problems().size());
        assertEquals(
                "images-sc.list: line 12: invalid image reference \"nginx:bad tag\": contains white space",
                inv.problems().get(0).toString());
        assertEquals("localhost_5000/app", inv.images().get(2).reference().mirrorRepository());
    }

    @Test
    void podsGiveContainersInitAndEphemeralPinnedToTheirRunningDigest() throws IOException {
        Inventory inv = new ImageInventory()
                .readPods("pods.json", resource("pods.json"))
                .result();
        assertEquals(3, inv.pods());
        assertEquals(
                List.of(
                        "docker.io/library/busybox:latest@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7",
                        // the sidecar's imageID is a bare local image id: no manifest digest, counted by tag
                        "docker.io/library/nginx:1.25",
                        "docker.io/library/nginx:1.25@sha256:28402db69fec7c17e179ea87882667f1e054391138f77ffaf0c3eb388efc3ffb",
                        "ghcr.io/nicolaka/netshoot:v0.13",
                        "registry.k8s.io/coredns/coredns:v1.11.1@sha256:1eeb4c7316bacb1d4c8ead65571cd92dd21e27359f0d4917f1a5822a73b75db1"),
                inv.references());
        ImageUse init = inv.images().get(0).uses().get(0);
        assertEquals("shop", init.namespace());
        assertEquals("web-5d9c7b8c9f-abcde", init.pod());
        assertEquals("init-perms", init.container());
        assertEquals("pod shop/web-5d9c7b8c9f-abcde init container init-perms", init.location());
        assertEquals("docker.io/library/busybox:latest", init.image());
        assertEquals(
                "pods.json: pod shop/pending container app: invalid image reference \"shop/app:\": malformed tag \"\"",
                inv.problems().get(0).toString());
    }

    @Test
    void runningDigestFormsOfImageId() {
        String d = "sha256:" + "a".repeat(64);
        assertEquals(d, ImageInventory.runningDigest("docker.io/library/nginx@" + d));
        assertEquals(d, ImageInventory.runningDigest("docker-pullable://nginx@" + d));
        assertNull(ImageInventory.runningDigest(d));
        assertNull(ImageInventory.runningDigest("docker://" + d));
        assertNull(ImageInventory.runningDigest(""));
        assertNull(ImageInventory.runningDigest("nginx@sha256:short"));
    }

    @Test
    void aMixOfInputsIsOneDeduplicatedSet() throws IOException {
        Inventory inv = new ImageInventory()
                .readList("a.list", text("nginx:1.25\nregistry.k8s.io/pause:3.9\n"))
                .readHelm("b.yaml", text("spec:\n  image: docker.io/library/nginx:1.25\n"))
                .readPods(
                        "c.json",
                        text(
                                "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"n\"},"
                                        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.k8s.io/pause:3.9\"}]}}"))
                .result();
        assertEquals(List.of("docker.io/library/nginx:1.25", "registry.k8s.io/pause:3.9"), inv.references());
        assertEquals(1, inv.pods());
        assertEquals("n", inv.images().get(1).uses().get(1).namespace());
    }

    @Test
    void unreadableInputsSayWhatAndWhere() {
        var notJson = assertThrows(UnreadableInputException.class, () -> new ImageInventory()
                .readPods("pods.json", text("{\"items\": [ {\"a\": }")));
        assertTrue(notJson.getMessage().startsWith("pods.json: not JSON at line 1"), notJson.getMessage());
        var notPods = assertThrows(UnreadableInputException.class, () -> new ImageInventory()
                .readPods("nodes.json", text("{\"kind\":\"Node\",\"metadata\":{}}")));
        assertEquals(
                "nodes.json: expected a List of pods (kubectl get pods -A -o json) or one Pod, got kind Node",
                notPods.getMessage());
        var array =
                assertThrows(UnreadableInputException.class, () -> new ImageInventory().readPods("x", text("[1,2]")));
        assertTrue(array.getMessage().contains("expected a JSON object"), array.getMessage());
        var notYaml = assertThrows(
                UnreadableInputException.class, () -> new ImageInventory().readHelm("t.yaml", text("a: [1, 2\nb: {")));
        assertTrue(notYaml.getMessage().startsWith("t.yaml: not YAML at line"), notYaml.getMessage());
    }

    @Test
    void fiveThousandPodsAreReadInBoundedTime(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pods.json");
        writePods(file, 5000);
        long size = Files.size(file);
        assertTrue(size > 20_000_000, "a realistic size: " + size);
        long start = System.nanoTime();
        Inventory inv;
        try (InputStream in = Files.newInputStream(file)) {
            inv = new ImageInventory().readPods("pods.json", in).result();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(5000, inv.pods());
        assertEquals(50 + 1, inv.images().size());
        assertTrue(millis < 5000, "5,000 pods took " + millis + " ms");
        System.out.printf("5000 pods, %d MB of JSON: %d ms%n", size / 1_000_000, millis);
    }

    /** Pods of realistic size (a long env and a large status), 50 deployments' images, a shared sidecar. */
    static void writePods(Path file, int count) throws IOException {
        String env = "{\"name\":\"VAR_%d\",\"value\":\"" + "x".repeat(60) + "\"}";
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
            for (int i = 0; i < count; i++) {
                StringBuilder envs = new StringBuilder();
                for (int e = 0; e < 40; e++) {
                    envs.append(e == 0 ? "" : ",").append(String.format(env, e));
                }
                String app = "registry.example.com/team/app-" + (i % 50) + ":1." + (i % 50);
                write(
                        out,
                        (i == 0 ? "" : ",") + "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-" + i
                                + "\",\"namespace\":\"ns-" + (i % 50) + "\",\"labels\":{\"app\":\"a\"},"
                                + "\"annotations\":{\"note\":\"" + "y".repeat(500) + "\"}},\"spec\":{\"containers\":["
                                + "{\"name\":\"app\",\"image\":\"" + app + "\",\"env\":[" + envs + "]},"
                                + "{\"name\":\"proxy\",\"image\":\"envoyproxy/envoy:v1.31.0\",\"env\":[" + envs
                                + "]}]},\"status\":{\"phase\":\"Running\",\"conditions\":["
                                + "{\"type\":\"Ready\",\"status\":\"True\"},".repeat(20) + "{\"type\":\"X\"}]}}");
            }
            write(out, "]}");
        }
    }

    private static void write(OutputStream out, String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
