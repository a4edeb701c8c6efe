package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.remote.OciClient;
import io.airlock.oci.Descriptor;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciJson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Falco content across the air gap, with real processes on loopback: a multi-platform plugin (an OCI image index of
 * two platform manifests) in the Debian CNCF distribution registry, driver files on a JDK HTTP server, and inside the
 * packaged file server and falco-index-service sharing one data directory (as {@code ./airlock start} runs them) plus
 * the catalog. The kernels come from falco-index-service's own coverage export, not from the spec.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FalcoBundleIT {
    private static final String PASSWORD = "it-admin-password-2";
    private static final String REPO = "falcosecurity/plugins/plugin/k8saudit";
    private static final String TAG = "0.7.0";
    private static final String DRIVER_VERSION = "8.2.0+driver";
    private static final String DRIVER_X86 = DRIVER_VERSION + "/x86_64/falco_ubuntu-generic_5.4.0-150-generic_150.ko";
    private static final String DRIVER_ARM = DRIVER_VERSION + "/aarch64/falco_ubuntu-generic_5.15.0-105-generic_105.ko";
    private static final String BUNDLE = "airlock-falco-it";

    @TempDir
    static Path tmp;

    private Servers servers;
    private Cli cli;
    private String fileserver;
    private String falcoIndex;
    private String catalog;
    private Path upstreamFiles;
    private Path keys;
    private Path bundle;
    private byte[] indexBytes;
    private final List<byte[]> childBytes = new ArrayList<>();
    private final List<byte[]> layers = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Path cliJar = Path.of(System.getProperty("airlock.cli.jar", "target/airlock.jar"));
        Path fsJar = Path.of(System.getProperty("airlock.fileserver.jar", "missing"));
        Path falcoJar = Path.of(System.getProperty("airlock.falco.jar", "missing"));
        Path catJar = Path.of(System.getProperty("airlock.catalog.jar", "missing"));
        Prerequisites.require(Files.isRegularFile(cliJar), "the airlock jar is built by 'package': " + cliJar);
        Prerequisites.require(
                Files.isRegularFile(fsJar) && Files.isRegularFile(falcoJar) && Files.isRegularFile(catJar),
                "the packaged services are missing; build them first with mvn -B -DskipTests package "
                        + "-pl fileserver-service,falco-index-service,catalog-service -am");
        Prerequisites.require(
                Files.isExecutable(Path.of("/usr/bin/docker-registry")),
                "the CNCF distribution registry as an upstream: apt-get install docker-registry");
        cli = new Cli(cliJar, tmp);
        servers = new Servers();
        Path suite = tmp.resolve("suite");
        fileserver = servers.airlockService(fsJar, suite, PASSWORD, tmp.resolve("fileserver.log"));
        falcoIndex = servers.airlockService(falcoJar, suite, PASSWORD, tmp.resolve("falco-index.log"));
        catalog = servers.airlockService(
                catJar,
                tmp.resolve("catalog"),
                PASSWORD,
                tmp.resolve("catalog/service.log"),
                Map.of("AIRLOCK_CATALOG_COVERAGE_FALCO_INDEX_URL", falcoIndex));
        String upstreamRegistry = servers.dockerRegistry(tmp.resolve("upstream-registry"));
        pushPluginIndex(new OciClient(upstreamRegistry, null, null));

        upstreamFiles = tmp.resolve("upstream-files");
        writeFile(upstreamFiles.resolve(DRIVER_X86), elf(62, 300_000, 1));
        writeFile(upstreamFiles.resolve(DRIVER_ARM), elf(183, 200_000, 2));
        // not an ELF object: falco-index-service must refuse it
        writeFile(
                upstreamFiles.resolve(DRIVER_VERSION + "/x86_64/falco_ubuntu-generic_5.4.0-999-generic_999.ko"),
                "<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        String files = servers.fileServer(upstreamFiles);

        Files.writeString(
                tmp.resolve("bundle.yaml"),
                String.join(
                        "\n",
                        "name: " + BUNDLE,
                        "falco:",
                        "  registry: " + upstreamRegistry,
                        "  plugins:",
                        "    - name: k8saudit",
                        "      tags: [\"" + TAG + "\"]",
                        "  driversUrl: " + files,
                        "  drivers:",
                        "    - version: " + DRIVER_VERSION, // no kernels: they come from the coverage report
                        ""));
        keys = tmp.resolve("keys");
        assertEquals(0, cli.run("keys", "generate", "--out", keys.toString()).exit());
        bundle = tmp.resolve(BUNDLE + ".tar");

        Servers.awaitReady(fileserver, tmp.resolve("fileserver.log"));
        Servers.awaitReady(falcoIndex, tmp.resolve("falco-index.log"));
        Servers.awaitReady(catalog, tmp.resolve("catalog/service.log"));
    }

    @AfterAll
    void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void createsFromTheExportedCoverageAndCarriesTheIndex() throws Exception {
        // inside: declare the nodes, export the report as an operator would (curl -o coverage.json)
        String nodes =
                "[{\"name\": \"a\", \"kernelRelease\": \"5.4.0-150-generic\", \"osImage\": \"Ubuntu 20.04.6 LTS\","
                        + " \"arch\": \"amd64\"},"
                        + " {\"name\": \"b\", \"kernelRelease\": \"5.15.0-105-generic\", \"osImage\": \"Ubuntu 22.04.4 LTS\","
                        + " \"arch\": \"arm64\"}]";
        String q = "?driverVersion=" + DRIVER_VERSION.replace("+", "%2B");
        HttpResponse<String> declared = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(falcoIndex + "/api/v1/coverage" + q))
                        .header("Authorization", Servers.basic("admin", PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(nodes))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, declared.statusCode(), declared.body());
        Path coverage = tmp.resolve("coverage.json");
        HttpResponse<Path> exported = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(falcoIndex + "/api/v1/coverage" + q))
                        .build(),
                HttpResponse.BodyHandlers.ofFile(coverage));
        assertEquals(200, exported.statusCode());
        JsonNode report = OciJson.MAPPER.readTree(coverage.toFile());
        assertEquals(2, report.path("missing").size(), "both kernels lack a driver inside: " + report);

        Cli.Run create = cli.run(
                "bundle",
                "create",
                "--spec",
                tmp.resolve("bundle.yaml").toString(),
                "--coverage",
                coverage.toString(),
                "--out",
                bundle.toString(),
                "--key",
                keys.resolve("private.pem").toString());
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.out().contains("an index of 2 platform manifests"), create.out());
        assertTrue(create.out().contains("coverage coverage.json: 2 files needed inside, 2 added"), create.out());

        Cli.Run verify = cli.run("bundle", "verify", "--bundle", bundle.toString(), "--key", publicKey());
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("3 items"), verify.out());

        BundleManifest m = manifestOf(bundle);
        BundleManifest.Item plugin = m.items().get(0);
        assertEquals("falco-plugin", plugin.kind());
        assertEquals(REPO + ":" + TAG, plugin.label());
        assertEquals(MediaTypes.OCI_INDEX, plugin.mediaType());
        assertEquals(Digest.sha256(indexBytes).hex(), plugin.sha256());
        List<String> manifestEntries = plugin.entries().stream()
                .filter(e -> e.mediaType() != null)
                .map(BundleManifest.Entry::sha256)
                .toList();
        assertEquals(
                List.of(
                        Digest.sha256(childBytes.get(0)).hex(),
                        Digest.sha256(childBytes.get(1)).hex(),
                        Digest.sha256(indexBytes).hex()),
                manifestEntries,
                "the platform manifests, then the index, each marked as a manifest");
        assertEquals(
                List.of(DRIVER_ARM, DRIVER_X86),
                m.items().subList(1, 3).stream()
                        .map(i -> i.destination().file())
                        .sorted()
                        .toList(),
                "the kernels of the coverage report");
    }

    @Test
    @Order(2)
    void refusesAChangedPlatformManifestBeforeImportingAnything() throws Exception {
        Path copy = tmp.resolve("tampered.tar");
        Files.copy(bundle, copy);
        Servers.flipByteIn(copy, Digest.sha256(childBytes.get(1)).hex());
        Cli.Run run = importCli(copy);
        assertEquals(3, run.exit(), run.toString());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(
                run.errorLines().get(0).contains("item " + REPO + ":" + TAG + " was changed after signing"),
                run.errorLines().get(0));
        assertEquals(404, Servers.head(falcoIndex + "/v2/" + REPO + "/manifests/" + TAG));
        assertEquals(
                404,
                Servers.head(falcoIndex + "/v2/" + REPO + "/manifests/sha256:"
                        + Digest.sha256(childBytes.get(0)).hex()));
        assertEquals(404, Servers.head(fileserver + "/" + DRIVER_X86.replace("+", "%2B")));
    }

    @Test
    @Order(3)
    void importsIntoFalcoIndexServiceAndAgainSendsNothing() throws Exception {
        Cli.Run dry = importCli(bundle, "--dry-run");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.out().contains("3 to add, 0 to replace, 0 already present"), dry.out());

        Cli.Run imported = importCli(bundle);
        assertEquals(0, imported.exit(), imported.toString());
        assertTrue(imported.out().contains("3 added, 0 replaced, 0 already present"), imported.out());
        assertTrue(
                imported.out().contains("5 blobs sent"),
                "config, two layers, two platform manifests and nothing twice (the config is shared): "
                        + imported.out());

        Cli.Run again = importCli(bundle);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("0 added, 0 replaced, 3 already present"), again.out());
        assertTrue(again.out().contains("; 0 B sent"), again.out());
    }

    @Test
    @Order(4)
    void theIndexAndEachPlatformComeBackByteForByte() throws Exception {
        HttpResponse<byte[]> index = get(falcoIndex + "/v2/" + REPO + "/manifests/" + TAG, MediaTypes.OCI_INDEX);
        assertEquals(200, index.statusCode());
        assertArrayEquals(indexBytes, index.body(), "the index by tag");
        assertEquals(
                Digest.sha256(indexBytes).toString(),
                index.headers().firstValue("Docker-Content-Digest").orElse(null));
        for (byte[] child : childBytes) {
            HttpResponse<byte[]> got =
                    get(falcoIndex + "/v2/" + REPO + "/manifests/" + Digest.sha256(child), MediaTypes.OCI_MANIFEST);
            assertEquals(200, got.statusCode());
            assertArrayEquals(child, got.body(), "a platform manifest by digest");
        }
        HttpResponse<byte[]> alias = get(falcoIndex + "/v2/" + REPO + "/manifests/latest", MediaTypes.OCI_INDEX);
        assertArrayEquals(indexBytes, alias.body(), "falco-index moved latest to the imported version");

        if (Files.isExecutable(Path.of("/usr/bin/skopeo"))) {
            Path layout = tmp.resolve("pulled");
            Process p = new ProcessBuilder(
                            "/usr/bin/skopeo",
                            "copy",
                            "--all",
                            "--src-tls-verify=false",
                            "--src-creds",
                            "admin:" + PASSWORD,
                            "docker://" + URI.create(falcoIndex).getAuthority() + "/" + REPO + ":" + TAG,
                            "oci:" + layout + ":" + TAG)
                    .redirectErrorStream(true)
                    .start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "skopeo copy --all: " + log);
            Path blobs = layout.resolve("blobs/sha256");
            assertArrayEquals(
                    indexBytes,
                    Files.readAllBytes(blobs.resolve(Digest.sha256(indexBytes).hex())));
            for (byte[] layer : layers) {
                assertArrayEquals(
                        layer,
                        Files.readAllBytes(blobs.resolve(Digest.sha256(layer).hex())),
                        "skopeo pulled each platform's layer byte for byte");
            }
        }

        // the drivers went through falco-index's validating API into the file server's tree
        for (String driver : List.of(DRIVER_X86, DRIVER_ARM)) {
            HttpResponse<byte[]> got = get(fileserver + "/" + driver.replace("+", "%2B"), "*/*");
            assertEquals(200, got.statusCode(), driver);
            assertArrayEquals(Files.readAllBytes(upstreamFiles.resolve(driver)), got.body(), driver);
        }
        HttpResponse<byte[]> listed = get(falcoIndex + "/api/v1/drivers", "application/json");
        String list = new String(listed.body(), StandardCharsets.UTF_8);
        assertTrue(list.contains("falco_ubuntu-generic_5.4.0-150-generic_150.ko"), list);
        HttpResponse<byte[]> coverage = get(
                falcoIndex + "/api/v1/coverage?driverVersion=" + DRIVER_VERSION.replace("+", "%2B"),
                "application/json");
        assertEquals(
                0,
                OciJson.MAPPER.readTree(coverage.body()).path("missing").size(),
                "every node's driver is now hosted");
    }

    @Test
    @Order(5)
    void theCatalogNamesTheBundleOfEachVersion() throws Exception {
        HttpResponse<String> r = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(catalog + "/api/v1/versions?bundle=" + BUNDLE))
                        .header("Authorization", Servers.basic("admin", PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode page = OciJson.MAPPER.readTree(r.body());
        assertEquals(3, page.path("total").asInt(), r.body());
        List<String> kinds = new ArrayList<>();
        for (JsonNode v : page.path("items")) {
            assertEquals(BUNDLE, v.path("bundle").asText(), v.toString());
            kinds.add(v.path("kind").asText());
        }
        assertEquals(
                List.of("falco-driver", "falco-driver", "falco-plugin"),
                kinds.stream().sorted().toList());
    }

    @Test
    @Order(6)
    void aDriverTheLoaderCannotUseIsRefusedByFalcoIndex() throws Exception {
        Path spec = tmp.resolve("bad-driver.yaml");
        Files.writeString(
                spec,
                String.join(
                        "\n",
                        "falco:",
                        "  driversUrl: " + servers.fileServer(upstreamFiles),
                        "  drivers:",
                        "    - version: " + DRIVER_VERSION,
                        "      kernels:",
                        "        - {target: ubuntu-generic, release: 5.4.0-999-generic, version: \"999\"}",
                        ""));
        Path bad = tmp.resolve("airlock-bad-driver.tar");
        Cli.Run create = cli.run(
                "bundle",
                "create",
                "--spec",
                spec.toString(),
                "--out",
                bad.toString(),
                "--key",
                keys.resolve("private.pem").toString());
        assertEquals(0, create.exit(), create.toString());
        Cli.Run run = importCli(bad);
        assertEquals(4, run.exit(), run.toString());
        assertEquals(1, run.errorLines().size(), run.err());
        String line = run.errorLines().get(0);
        assertTrue(
                line.contains("import of " + DRIVER_VERSION + "/x86_64/falco_ubuntu-generic_5.4.0-999-generic_999.ko")
                        && line.contains("falco-index-service answered 400"),
                line);
        assertEquals(
                404,
                Servers.head(fileserver + "/" + DRIVER_VERSION.replace("+", "%2B") + "/x86_64/"
                        + "falco_ubuntu-generic_5.4.0-999-generic_999.ko"));
    }

    // ---- helpers

    private Cli.Run importCli(Path b, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "bundle",
                "import",
                "--bundle",
                b.toString(),
                "--key",
                publicKey(),
                "--fileserver",
                fileserver,
                "--falco-index-url",
                falcoIndex,
                "--catalog",
                catalog,
                "--user",
                "admin",
                "--password",
                PASSWORD));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    /** A Falco plugin as Falco publishes it: an image index of linux/amd64 and linux/arm64 manifests. */
    /**
     * Kernel coverage has one owner: falco-index-service computes it for the nodes declared to it, and the catalog's
     * report and alerts carry its answer (moved here from the catalog's CoverageApiTest, which has no falco-index).
     * When falco-index-service goes away the catalog keeps answering, with the last report it got.
     */
    @Test
    @Order(7)
    void theCatalogReportsFalcoIndexKernelCoverageAndOutlivesIt() throws Exception {
        String driver = DRIVER_VERSION + "/x86_64/falco_ubuntu-generic_6.8.0-80-generic_80.ko";
        HttpResponse<String> hosted = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                falcoIndex + "/api/v1/drivers/" + io.airlock.cli.remote.Http.encodePath(driver)))
                        .header("Authorization", Servers.basic("admin", PASSWORD))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(elf(62, 100_000, 7)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, hosted.statusCode(), hosted.body());
        StringBuilder items = new StringBuilder();
        String[][] nodes = {
            {"worker-1", "6.8.0-79-generic"},
            {"worker-2", "6.8.0-79-generic"},
            {"worker-3", "6.8.0-79-generic"},
            {"control-1", "6.8.0-80-generic"}
        };
        for (String[] n : nodes) {
            items.append(items.length() == 0 ? "" : ",")
                    .append("{\"kind\":\"Node\",\"metadata\":{\"name\":\"")
                    .append(n[0])
                    .append("\"},\"status\":{\"nodeInfo\":{\"architecture\":\"amd64\",\"kernelVersion\":\"")
                    .append(n[1])
                    .append("\",\"osImage\":\"Ubuntu 24.04.2 LTS\"}}}");
        }
        HttpResponse<String> declared = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(falcoIndex + "/api/v1/coverage"))
                        .header("Authorization", Servers.basic("admin", PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"List\",\"items\":[" + items + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, declared.statusCode(), declared.body());

        JsonNode report = catalogCoverage();
        assertEquals("current", report.path("kernelCoverage").path("state").asText(), report.toString());
        List<String> messages = new ArrayList<>();
        report.path("gaps").forEach(g -> messages.add(g.path("message").asText()));
        assertTrue(
                messages.contains("kernel 6.8.0-79-generic (x86_64) on 3 nodes has no Falco driver"),
                messages::toString);
        assertTrue(messages.stream().noneMatch(m -> m.contains("6.8.0-80-generic")), messages::toString);
        JsonNode covered = kernel(report, "6.8.0-80-generic");
        assertTrue(covered.path("driver").asText().contains("falco_"), report.toString());
        String missing = DRIVER_VERSION + "/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko";
        assertTrue(
                report.toString().contains("\"missing\":\"" + missing + "\""),
                "the gap names the exact file the loader requests: " + report);

        servers.stopService(falcoIndex);
        JsonNode stale = catalogCoverage();
        assertEquals("stale", stale.path("kernelCoverage").path("state").asText(), stale.toString());
        assertTrue(stale.path("kernelCoverage").path("error").asText().contains("unreachable"), stale.toString());
        assertTrue(stale.toString().contains("on 3 nodes has no Falco driver"), "the last known gap is kept: " + stale);
        assertEquals(false, stale.path("complete").asBoolean(true));
    }

    private JsonNode catalogCoverage() throws Exception {
        HttpResponse<byte[]> r = get(catalog + "/api/v1/coverage", "application/json");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return OciJson.MAPPER.readTree(r.body());
    }

    private static JsonNode kernel(JsonNode report, String release) {
        for (JsonNode k : report.path("kernels")) {
            if (k.path("kernelRelease").asText().equals(release)) {
                return k;
            }
        }
        throw new AssertionError("no kernel " + release + " in " + report);
    }

    private void pushPluginIndex(OciClient upstream) throws Exception {
        byte[] config = ("{\"name\":\"k8saudit\",\"version\":\"" + TAG + "\",\"dependencies\":[],"
                        + "\"requirements\":[{\"name\":\"plugin_api_version\",\"version\":\"3.0.0\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        upstream.pushBlob(REPO, configDigest, config.length, new ByteArrayInputStream(config), "config");
        List<Descriptor> platforms = new ArrayList<>();
        String[] archs = {"amd64", "arm64"};
        for (int i = 0; i < archs.length; i++) {
            byte[] layer = random(700_000 + i * 1000, 10 + i);
            layers.add(layer);
            Digest layerDigest = Digest.sha256(layer);
            upstream.pushBlob(REPO, layerDigest, layer.length, new ByteArrayInputStream(layer), "layer");
            Manifest.Image image = new Manifest.Image(
                    2,
                    MediaTypes.OCI_MANIFEST,
                    null,
                    Descriptor.of("application/vnd.cncf.falco.plugin.config.v1+json", configDigest, config.length),
                    List.of(new Descriptor(
                            "application/vnd.cncf.falco.plugin.layer.v1+tar.gz",
                            layerDigest,
                            layer.length,
                            null,
                            Map.of(
                                    "org.opencontainers.image.title",
                                    "k8saudit-" + TAG + "-linux-" + archs[i] + ".tar.gz"),
                            null,
                            null)),
                    null,
                    Map.of("org.opencontainers.image.created", "2026-11-20T10:00:00Z"));
            byte[] bytes = OciJson.MAPPER.writeValueAsBytes(image);
            childBytes.add(bytes);
            Digest d = Digest.sha256(bytes);
            upstream.pushManifest(REPO, d.toString(), bytes, MediaTypes.OCI_MANIFEST);
            platforms.add(new Descriptor(
                    MediaTypes.OCI_MANIFEST,
                    d,
                    bytes.length,
                    null,
                    null,
                    null,
                    new Descriptor.Platform(archs[i], "linux", null, null, null)));
        }
        Manifest.Index index = new Manifest.Index(2, MediaTypes.OCI_INDEX, null, platforms, null, null);
        indexBytes = OciJson.MAPPER.writeValueAsBytes(index);
        upstream.pushManifest(REPO, TAG, indexBytes, MediaTypes.OCI_INDEX);
    }

    /** A 64-bit little-endian relocatable ELF object for {@code machine}, then pseudo-random bytes. */
    private static byte[] elf(int machine, int size, long seed) {
        byte[] b = random(size, seed);
        byte[] ident = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        System.arraycopy(ident, 0, b, 0, ident.length);
        b[16] = 1; // ET_REL
        b[17] = 0;
        b[18] = (byte) (machine & 0xff);
        b[19] = (byte) (machine >> 8);
        return b;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static void writeFile(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static BundleManifest manifestOf(Path bundle) throws Exception {
        try (TarFile tar = new TarFile(bundle.toFile())) {
            TarArchiveEntry first = tar.getEntries().get(0);
            try (InputStream in = tar.getInputStream(first)) {
                return BundleManifest.parse(in.readAllBytes());
            }
        }
    }

    private static HttpResponse<byte[]> get(String url, String accept) throws Exception {
        return Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String publicKey() {
        return keys.resolve("public.pem").toString();
    }
}
