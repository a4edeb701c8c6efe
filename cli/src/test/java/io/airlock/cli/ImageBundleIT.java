package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.remote.OciClient;
import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Container images across the gap with real peers: the Debian CNCF distribution registry as the upstream, behind a
 * JDK HTTP front that behaves as Docker Hub does (anonymous GET of /v2/ answers 401 with a Bearer challenge, a token
 * realm that wants the credential of a Docker config.json, blob GETs redirected to a "blob storage" host that must not
 * see the registry's Authorization header); images written by the test (two sharing a base layer, one
 * multi-platform index); the packaged registry and catalog as the target; skopeo as the client that compares digests
 * before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageBundleIT {
    private static final String PASSWORD = "it-admin-password-1";
    private static final String UP_USER = "puller";
    private static final String UP_PASSWORD = "pull-secret-7";
    private static final long BASE_SIZE = 3 * 1024 * 1024 + 5;

    @TempDir
    static Path tmp;

    private Servers servers;
    private Cli cli;
    private String registry;
    private String catalog;
    private String upstreamDirect;
    private String front;
    private Path keys;
    private Path spec;
    private Path list;
    private Path auth;
    private String baseHex;
    private final Map<String, String> upstreamDigests = new LinkedHashMap<>();
    /** Path substring -> status the front answers instead (fault injection). */
    private final Map<String, Integer> faults = new ConcurrentHashMap<>();

    private final List<String> storageAuthHeaders = new CopyOnWriteArrayList<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private HttpServer frontServer;
    private HttpServer storageServer;

    @BeforeAll
    void start() throws Exception {
        Path cliJar = Path.of(System.getProperty("airlock.cli.jar", "target/airlock.jar"));
        Path trJar = Path.of(System.getProperty("airlock.trivydb.jar", "missing"));
        Path catJar = Path.of(System.getProperty("airlock.catalog.jar", "missing"));
        Prerequisites.require(Files.isRegularFile(cliJar), "the airlock jar is built by 'package': " + cliJar);
        Prerequisites.require(
                Files.isRegularFile(trJar) && Files.isRegularFile(catJar),
                "the packaged registry and catalog are missing (" + trJar + ", " + catJar + "); build them with "
                        + "mvn -B -DskipTests package -pl trivydb-service,catalog-service -am");
        Prerequisites.require(
                Files.isExecutable(Path.of("/usr/bin/docker-registry")), "apt-get install docker-registry");
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/skopeo")), "apt-get install skopeo");
        cli = new Cli(cliJar, tmp);
        servers = new Servers();
        registry = servers.airlockService(trJar, tmp.resolve("trivydb"), PASSWORD);
        catalog = servers.airlockService(catJar, tmp.resolve("catalog"), PASSWORD);
        upstreamDirect = servers.dockerRegistry(tmp.resolve("upstream"));
        startFront();
        Servers.awaitReady(registry, tmp.resolve("trivydb/service.log"));
        Servers.awaitReady(catalog, tmp.resolve("catalog/service.log"));

        // images written here and pushed to the upstream as they are (no conversion on the way)
        OciClient up = new OciClient(upstreamDirect, null, null);
        byte[] base = random(BASE_SIZE, 11);
        baseHex = Digest.sha256(base).hex();
        pushImage(up, "library/app-a", "1", "amd64", List.of(base, random(1024 * 1024, 12)));
        pushImage(up, "library/app-b", "1", "amd64", List.of(base, random(2 * 1024 * 1024, 13)));
        pushIndex(up, "library/multi", "1", base);
        pushImage(up, "library/app-c", "2", "amd64", List.of(base, random(512 * 1024, 14)));
        for (String ref : List.of("library/app-a:1", "library/app-b:1", "library/multi:1")) {
            upstreamDigests.put(ref, skopeoDigest("docker://" + hostOf(upstreamDirect) + "/" + ref, null));
        }

        keys = tmp.resolve("keys");
        assertEquals(0, cli.run("keys", "generate", "--out", keys.toString()).exit());
        spec = tmp.resolve("bundle.yaml");
        Files.writeString(
                spec,
                String.join(
                        "\n",
                        "images:",
                        "  references: [\"app-a:1\"]", // Docker Hub's short form: docker.io/library/app-a:1
                        "  files: [images.txt]",
                        "  registries:",
                        "    docker.io: " + front,
                        ""));
        list = tmp.resolve("images.txt");
        Files.writeString(
                list,
                "# what the cluster runs\ndocker.io/library/app-b:1\n\nindex.docker.io/library/multi:1 # two platforms\n");
        auth = tmp.resolve("config.json");
        Files.writeString(
                auth,
                "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                        + Base64.getEncoder()
                                .encodeToString((UP_USER + ":" + UP_PASSWORD).getBytes(StandardCharsets.UTF_8))
                        + "\"}}}");
    }

    @AfterAll
    void stop() {
        if (frontServer != null) {
            frontServer.stop(0);
        }
        if (storageServer != null) {
            storageServer.stop(0);
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void createCarriesEachBlobOnceThroughATokenRealmAndRedirects() throws Exception {
        Path bundle = tmp.resolve("images-1.tar");
        Cli.Run create = create(bundle, "--registry-auth", auth.toString());
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.out().contains("shared with other images stored once"), create.out());
        assertTrue(storageAuthHeaders.stream().allMatch(String::isEmpty), "blob storage saw " + storageAuthHeaders);
        assertFalse(storageAuthHeaders.isEmpty(), "blob GETs were redirected to the storage host");

        int baseCopies = 0;
        long tarBlobBytes = 0;
        try (TarFile tar = new TarFile(bundle.toFile())) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().endsWith("/" + baseHex)) {
                    baseCopies++;
                }
                if (e.getName().startsWith("items/")) {
                    tarBlobBytes += e.getSize();
                }
            }
        }
        assertEquals(1, baseCopies, "the base layer shared by four manifests is in the bundle once");
        BundleManifest m = manifestOf(bundle);
        assertEquals(3, m.items().size());
        long imageBytes = 0;
        for (BundleManifest.Item i : m.items()) {
            assertEquals("container-image", i.kind());
            imageBytes += i.size()
                    + i.sharedBlobs().stream()
                            .mapToLong(BundleManifest.Shared::size)
                            .sum();
        }
        System.out.printf(
                "dedup: 3 images (%d bytes counted per image) carried in %d bytes of items (%d bytes saved)%n",
                imageBytes, tarBlobBytes, imageBytes - tarBlobBytes);
        // four manifests in three items use the base: one copy instead of three
        assertTrue(imageBytes - tarBlobBytes >= 2 * BASE_SIZE, "the base layer was stored once, not three times");
        BundleManifest.Item multi = item(m, "docker.io/library/multi:1");
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), multi.platforms());
        assertEquals(upstreamDigests.get("library/multi:1"), "sha256:" + multi.sha256(), "index carried whole");
        assertEquals(
                List.of("linux/amd64"), item(m, "docker.io/library/app-a:1").platforms());
        Files.write(tmp.resolve("images-1.json"), tarEntry(bundle, BundleManifest.MANIFEST));
    }

    @Test
    @Order(2)
    void importIsResumableDigestExactAndRegistered() throws Exception {
        Path bundle = tmp.resolve("images-1.tar");
        // killed in the middle of the second image's own layer: the first image landed, the second has no tag
        Cli.Run killed = importCli(bundle, "--halt-after-bytes", String.valueOf(BASE_SIZE + 1024 * 1024 + 4096));
        assertEquals(137, killed.exit(), killed.toString());
        OciClient inside = new OciClient(registry, "admin", PASSWORD);
        assertTrue(inside.manifestDigest("docker.io/library/app-b", "1").isEmpty(), "no tag on half an image");

        Cli.Run resumed = importCli(bundle);
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.out().contains("present  container-image   docker.io/library/app-a:1"), resumed.out());
        assertTrue(
                resumed.out().contains("mounted from another repository")
                        || resumed.out().contains("already in the registry"),
                resumed.out());

        for (Map.Entry<String, String> e : upstreamDigests.entrySet()) {
            String there =
                    skopeoDigest("docker://" + hostOf(registry) + "/docker.io/" + e.getKey(), "admin:" + PASSWORD);
            assertEquals(e.getValue(), there, "digest of " + e.getKey() + " across the gap");
        }
        // every platform of the index pulls by digest
        JsonNode index =
                OciJson.MAPPER.readTree(skopeoRaw("docker://" + hostOf(registry) + "/docker.io/library/multi:1"));
        for (JsonNode d : index.path("manifests")) {
            assertTrue(inside.manifestDigest(
                            "docker.io/library/multi", d.path("digest").asText())
                    .isPresent());
        }

        HttpResponse<String> versions = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(catalog + "/api/v1/versions?kind=container-image&size=50"))
                        .header("Authorization", Servers.basic("admin", PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, versions.statusCode(), versions.body());
        assertTrue(versions.body().contains("docker.io/library/multi:1"), versions.body());
        assertTrue(versions.body().contains(upstreamDigests.get("library/multi:1")), versions.body());
        assertTrue(versions.body().contains(hostOf(registry) + "/docker.io/library/app-b@"), versions.body());

        Cli.Run again = importCli(bundle);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("0 added, 0 replaced, 3 already present"), again.out());
    }

    @Test
    @Order(3)
    void platformFilterRewritesTheIndexAndSaysSo() throws Exception {
        Path bundle = tmp.resolve("images-amd64.tar");
        Cli.Run create = create(bundle, "--registry-auth", auth.toString(), "--platform", "linux/amd64");
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.out().contains("index rewritten to linux/amd64"), create.out());
        BundleManifest.Item multi = item(manifestOf(bundle), "docker.io/library/multi:1");
        assertEquals(List.of("linux/amd64"), multi.platforms());
        assertNotEquals(upstreamDigests.get("library/multi:1"), "sha256:" + multi.sha256());
    }

    @Test
    @Order(4)
    void aDeltaCarriesNoBlobTheLastBundleCarriedAndMountsIt() throws Exception {
        Path l2 = tmp.resolve("images-2.txt");
        Files.writeString(l2, "app-a:1\napp-c:2\n");
        Path bundle = tmp.resolve("images-2.tar");
        Cli.Run create = cli.run(
                "bundle",
                "create",
                "--spec",
                emptySpec().toString(),
                "--images",
                l2.toString(),
                "--out",
                bundle.toString(),
                "--key",
                keys.resolve("private.pem").toString(),
                "--registry-auth",
                auth.toString(),
                "--since",
                tmp.resolve("images-1.json").toString());
        assertEquals(0, create.exit(), create.toString());
        BundleManifest m = manifestOf(bundle);
        assertEquals(1, m.items().size(), "app-a is unchanged since images-1");
        BundleManifest.Item c = m.items().get(0);
        assertTrue(c.sharedBlobs().stream().anyMatch(s -> s.sha256().equals(baseHex)), "base not carried again");
        try (TarFile tar = new TarFile(bundle.toFile())) {
            assertTrue(tar.getEntries().stream().noneMatch(e -> e.getName().endsWith(baseHex)));
        }
        Cli.Run imported = importCli(bundle);
        assertEquals(0, imported.exit(), imported.toString());
        assertEquals(
                skopeoDigest("docker://" + hostOf(upstreamDirect) + "/library/app-c:2", null),
                skopeoDigest("docker://" + hostOf(registry) + "/docker.io/library/app-c:2", "admin:" + PASSWORD));
    }

    @Test
    @Order(5)
    void upstreamFailuresNameTheImageAndLeaveNoBundle() throws Exception {
        Path out = tmp.resolve("broken.tar");
        faults.put("/library/app-b/blobs/", 500);
        Cli.Run e500 = create(out, "--registry-auth", auth.toString());
        faults.clear();
        assertNotEquals(0, e500.exit());
        assertTrue(
                e500.err().contains("image docker.io/library/app-b:1")
                        && e500.err().contains("500"),
                e500.err());
        assertFalse(Files.exists(out), "no bundle at the output path");

        Path missing = tmp.resolve("missing.txt");
        Files.writeString(missing, "docker.io/library/nope:9\n");
        Cli.Run e404 = cli.run(
                "bundle",
                "create",
                "--spec",
                spec.toString(),
                "--images",
                missing.toString(),
                "--out",
                out.toString(),
                "--key",
                keys.resolve("private.pem").toString(),
                "--registry-auth",
                auth.toString());
        assertNotEquals(0, e404.exit());
        assertTrue(
                e404.err().contains("image docker.io/library/nope:9")
                        && e404.err().contains("404"),
                e404.err());
        assertFalse(Files.exists(out));

        Cli.Run e401 = create(out); // no --registry-auth: the token realm refuses
        assertNotEquals(0, e401.exit());
        assertTrue(
                e401.err().contains("image docker.io/library/app-a:1")
                        && e401.err().contains("401"),
                e401.err());
        assertFalse(Files.exists(out));
    }

    @Test
    @Order(6)
    void anotherRegistryWithAProjectPrefix() throws Exception {
        String harbor = servers.dockerRegistry(tmp.resolve("harbor"));
        Cli.Run imported = cli.run(
                "bundle",
                "import",
                "--bundle",
                tmp.resolve("images-1.tar").toString(),
                "--key",
                keys.resolve("public.pem").toString(),
                "--image-registry",
                harbor + "/mirror",
                "--password",
                PASSWORD);
        assertEquals(0, imported.exit(), imported.toString());
        for (Map.Entry<String, String> e : upstreamDigests.entrySet()) {
            assertEquals(
                    e.getValue(),
                    skopeoDigest("docker://" + hostOf(harbor) + "/mirror/" + e.getKey(), null),
                    e.getKey());
        }
    }

    // --- helpers

    private Cli.Run create(Path out, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "bundle",
                "create",
                "--spec",
                spec.toString(),
                "--out",
                out.toString(),
                "--key",
                keys.resolve("private.pem").toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private Cli.Run importCli(Path bundle, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "bundle",
                "import",
                "--bundle",
                bundle.toString(),
                "--key",
                keys.resolve("public.pem").toString(),
                "--registry",
                registry,
                "--catalog",
                catalog,
                "--password",
                PASSWORD));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private Path emptySpec() throws IOException {
        Path p = tmp.resolve("images-only.yaml");
        Files.writeString(p, "images:\n  registries:\n    docker.io: " + front + "\n");
        return p;
    }

    private static BundleManifest manifestOf(Path bundle) throws IOException {
        return BundleManifest.parse(tarEntry(bundle, BundleManifest.MANIFEST));
    }

    private static byte[] tarEntry(Path bundle, String name) throws IOException {
        try (TarFile tar = new TarFile(bundle.toFile())) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().equals(name)) {
                    try (InputStream in = tar.getInputStream(e)) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new AssertionError(name + " not in " + bundle);
    }

    private static BundleManifest.Item item(BundleManifest m, String label) {
        return m.items().stream()
                .filter(i -> i.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item " + label));
    }

    private static String hostOf(String base) {
        return URI.create(base).getAuthority();
    }

    private static byte[] random(long size, long seed) throws IOException {
        Path f = tmp.resolve("rnd-" + seed);
        Servers.randomFile(f, size, seed);
        return Files.readAllBytes(f);
    }

    private static Digest push(OciClient up, String repo, byte[] blob) throws IOException {
        Digest d = Digest.sha256(blob);
        if (!up.blobExists(repo, d)) {
            up.pushBlob(repo, d, blob.length, new ByteArrayInputStream(blob), repo);
        }
        return d;
    }

    /** One image manifest; answers its bytes. */
    private static byte[] pushImage(OciClient up, String repo, String tag, String arch, List<byte[]> layers)
            throws IOException {
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                        + "\"diff_ids\":[]},\"config\":{\"Labels\":{\"repo\":\"" + repo + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest c = push(up, repo, config);
        StringBuilder ls = new StringBuilder();
        for (byte[] l : layers) {
            Digest d = push(up, repo, l);
            ls.append(ls.length() == 0 ? "" : ",")
                    .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(d)
                    .append("\",\"size\":")
                    .append(l.length)
                    .append('}');
        }
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c
                        + "\",\"size\":" + config.length + "},\"layers\":[" + ls + "]}")
                .getBytes(StandardCharsets.UTF_8);
        up.pushManifest(repo, tag, manifest, MediaTypes.OCI_MANIFEST);
        return manifest;
    }

    private static void pushIndex(OciClient up, String repo, String tag, byte[] base) throws IOException {
        byte[] amd = pushImage(up, repo, "amd64", "amd64", List.of(base, random(700 * 1024, 21)));
        byte[] arm = pushImage(up, repo, "arm64", "arm64", List.of(base, random(600 * 1024, 22)));
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                        + entry(amd, "amd64", null) + "," + entry(arm, "arm64", "v8") + "]}")
                .getBytes(StandardCharsets.UTF_8);
        up.pushManifest(repo, tag, index, MediaTypes.OCI_INDEX);
    }

    private static String entry(byte[] manifest, String arch, String variant) {
        return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + Digest.sha256(manifest)
                + "\",\"size\":" + manifest.length + ",\"platform\":{\"architecture\":\"" + arch
                + "\",\"os\":\"linux\"" + (variant == null ? "" : ",\"variant\":\"" + variant + "\"") + "}}";
    }

    private static String skopeoDigest(String ref, String creds) throws Exception {
        return "sha256:"
                + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(creds == null ? skopeoRaw(ref) : skopeoRaw(ref, creds)));
    }

    private static byte[] skopeoRaw(String ref) throws Exception {
        return skopeoRaw(ref, "admin:" + PASSWORD);
    }

    /** {@code skopeo inspect --raw}: the manifest bytes exactly as the registry serves them. */
    private static byte[] skopeoRaw(String ref, String creds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/skopeo", "inspect", "--raw", "--tls-verify=false"));
        if (creds != null) {
            cmd.add("--creds");
            cmd.add(creds);
        }
        cmd.add(ref);
        Path out = Files.createTempFile(tmp, "skopeo", ".out");
        Path err = Files.createTempFile(tmp, "skopeo", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "skopeo " + ref + ": " + Files.readString(err));
        return Files.readAllBytes(out);
    }

    // --- the Docker-Hub-like front: token realm, Bearer challenge, redirects of blob GETs to another host

    private void startFront() throws IOException {
        storageServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storageServer.createContext("/", ex -> {
            try (ex) {
                storageAuthHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization"))
                        .replace("null", ""));
                proxy(ex, upstreamDirect + ex.getRequestURI().getRawPath());
            }
        });
        storageServer.start();
        String storage = "http://localhost:" + storageServer.getAddress().getPort();
        frontServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front = "http://127.0.0.1:" + frontServer.getAddress().getPort();
        frontServer.createContext("/token", ex -> {
            try (ex) {
                String expected = Servers.basic(UP_USER, UP_PASSWORD);
                if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    send(ex, 401, "{\"details\":\"incorrect username or password\"}");
                    return;
                }
                String token = "t-" + System.nanoTime();
                tokens.add(token);
                send(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
            }
        });
        frontServer.createContext("/v2/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getRawPath();
                String authz = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
                if (!authz.startsWith("Bearer ") || !tokens.contains(authz.substring(7))) {
                    ex.getResponseHeaders()
                            .add(
                                    "WWW-Authenticate",
                                    "Bearer realm=\"" + front + "/token\",service=\"it.registry\",scope=\"repository:"
                                            + "x:pull\"");
                    send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                    return;
                }
                for (Map.Entry<String, Integer> f : faults.entrySet()) {
                    if (path.contains(f.getKey())) {
                        send(ex, f.getValue(), "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"injected\"}]}");
                        return;
                    }
                }
                if (path.contains("/blobs/") && "GET".equals(ex.getRequestMethod())) {
                    ex.getResponseHeaders().add("Location", storage + path);
                    ex.sendResponseHeaders(307, -1);
                    return;
                }
                proxy(ex, upstreamDirect + path);
            }
        });
        frontServer.start();
    }

    private static void proxy(HttpExchange ex, String url) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<InputStream> r;
        try {
            r = Servers.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String h : List.of("Content-Type", "Docker-Content-Digest")) {
            r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().add(h, v));
        }
        long length = r.headers().firstValueAsLong("Content-Length").orElse(0);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        if (head) {
            ex.getResponseHeaders().add("Content-Length", String.valueOf(length));
        }
        ex.sendResponseHeaders(r.statusCode(), head || length == 0 ? -1 : length);
        try (InputStream in = r.body();
                OutputStream out = ex.getResponseBody()) {
            if (!head) {
                in.transferTo(out);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
