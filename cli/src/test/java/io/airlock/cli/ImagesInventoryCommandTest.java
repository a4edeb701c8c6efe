package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airlock images inventory} in this JVM, with stdout, stderr and stdin replaced. */
class ImagesInventoryCommandTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    static Result run(String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = AirlockCli.run(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    static final String PODS =
            "{\"kind\":\"List\",\"items\":[{\"kind\":\"Pod\",\"metadata\":{\"namespace\":\"kube-system\","
                    + "\"name\":\"coredns-1\"},\"spec\":{\"containers\":[{\"name\":\"coredns\",\"image\":"
                    + "\"registry.k8s.io/coredns/coredns:v1.11.1\"}],\"initContainers\":[{\"name\":\"init\",\"image\":"
                    + "\"busybox:1.36\"}]},\"status\":{\"containerStatuses\":[{\"name\":\"coredns\",\"imageID\":"
                    + "\"registry.k8s.io/coredns/coredns@sha256:" + "1".repeat(64) + "\"}]}}]}";

    @Test
    void aMixOfInputsPrintsOneGroupedListAndTheListFormatChainsIntoBundleCreate() throws Exception {
        Path list = write("images-sc.list", "# Welkin service cluster\nnginx:1.25\nregistry.k8s.io/pause:3.9\n");
        Path helm = write(
                "sc.yaml",
                "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: nginx:1.25\n"
                        + "---\nimage:\n  registry: quay.io\n  repository: prometheus/prometheus\n  tag: v2.54.1\n");
        Result text =
                run(PODS, "images", "inventory", "--list", list.toString(), "--helm", helm.toString(), "--pods", "-");
        assertEquals(0, text.exit(), text.err());
        assertEquals(
                "docker.io (2)\n"
                        + "  docker.io/library/busybox:1.36\n"
                        + "  docker.io/library/nginx:1.25\n"
                        + "quay.io (1)\n"
                        + "  quay.io/prometheus/prometheus:v2.54.1\n"
                        + "registry.k8s.io (2)\n"
                        + "  registry.k8s.io/coredns/coredns:v1.11.1@sha256:" + "1".repeat(64) + "\n"
                        + "  registry.k8s.io/pause:3.9\n"
                        + "5 images from 3 upstreams (1 pods read)\n",
                text.out());

        Result listed = run("", "images", "inventory", "--list", list.toString(), "--format", "list");
        assertEquals(
                List.of("docker.io/library/nginx:1.25", "registry.k8s.io/pause:3.9"),
                listed.out().lines().toList());
        // the list format reads back as an image list unchanged
        Path again = write("again.list", listed.out());
        assertEquals(
                listed.out(),
                run("", "images", "inventory", "--list", again.toString(), "--format", "list")
                        .out());
    }

    @Test
    void jsonNamesEachImagesRepositoryAndItsPods() throws Exception {
        Path pods = write("pods.json", PODS);
        Result r = run("", "images", "inventory", "--pods", pods.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("pods").asInt());
        JsonNode coredns = json.get("images").get(1);
        assertEquals(
                "registry.k8s.io/coredns/coredns", coredns.get("repository").asText());
        assertEquals("sha256:" + "1".repeat(64), coredns.get("digest").asText());
        assertEquals("coredns-1", coredns.get("uses").get(0).get("pod").asText());
        assertEquals(
                "docker.io/library/busybox:1.36",
                json.get("upstreams").get("docker.io").get(0).asText());
    }

    @Test
    void malformedReferencesAreNamedWithTheirPlaceAndExitOne() throws Exception {
        Path list = write("bad.list", "nginx:1.25\n\nNginx/Upper:1\n");
        Result r = run("", "images", "inventory", "--list", list.toString(), "--format", "list");
        assertEquals(1, r.exit());
        assertEquals("docker.io/library/nginx:1.25\n", r.out());
        assertEquals(
                "airlock: " + list + ": line 3: invalid image reference \"Nginx/Upper:1\": repository name must be"
                        + " lowercase\n",
                r.err());
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() throws Exception {
        Result none = run("", "images", "inventory");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("airlock: no input. Pass --list FILE"), none.err());

        Result format = run("", "images", "inventory", "--list", "-", "--format", "yaml");
        assertEquals(2, format.exit());
        assertTrue(format.err().startsWith("airlock: unknown --format 'yaml'"), format.err());

        Result missing = run(
                "", "images", "inventory", "--list", dir.resolve("nope.list").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.list: no such file"), missing.err());

        Path nodes = write("nodes.json", "{\"kind\":\"List\",\"items\":{}}");
        Result notPods = run("", "images", "inventory", "--pods", nodes.toString());
        assertEquals(2, notPods.exit());
        assertEquals(
                "airlock: --pods " + nodes
                        + ": \"items\" is not a list. Pass the output of kubectl get pods -A -o json\n",
                notPods.err());

        Result twice = run("", "images", "inventory", "--list", "-", "--pods", "-");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("stdin ('-') is given more than once"), twice.err());
    }
}
