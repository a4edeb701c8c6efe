package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.remote.OciClient;
import io.airlock.oci.Descriptor;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
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
 * The whole crossing, with real processes on loopback: upstreams (the Debian CNCF distribution registry holding
 * Trivy-shaped artifacts, a JDK HTTP server holding a Falco driver, an OpenSearch plugin and a plain file), the
 * packaged Airlock services, and the airlock jar run as the operator runs it, with a 128 MiB heap so that it cannot
 * hold the big item. Size of the big item: {@code -Dairlock.it.bigMb} (default 256).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleEndToEndIT {
    private static final String PASSWORD = "it-admin-password-1";
    private static final String DRIVER = "8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko";
    private static final String PLUGIN = "repository-s3-2.8.0.zip";
    private static final String NOTES = "docs/notes.txt";
    private static final long MAX_RSS_KB = 300 * 1024;

    @TempDir
    static Path tmp;

    private Servers servers;
    private Cli cli;
    private Path upstreamFiles;
    private String fileserver;
    private String registry;
    private String catalog;
    private Path dbLayer;
    private Path keys;
    private Path bundle;
    private Path manifest1;
    private long bigSize;

    @BeforeAll
    void start() throws Exception {
        Path cliJar = Path.of(System.getProperty("airlock.cli.jar", "target/airlock.jar"));
        Path fsJar = Path.of(System.getProperty("airlock.fileserver.jar", "missing"));
        Path trJar = Path.of(System.getProperty("airlock.trivydb.jar", "missing"));
        Path catJar = Path.of(System.getProperty("airlock.catalog.jar", "missing"));
        Prerequisites.require(Files.isRegularFile(cliJar), "the airlock jar is built by 'package': " + cliJar);
        Prerequisites.require(
                Files.isRegularFile(fsJar) && Files.isRegularFile(trJar),
                "the packaged services are missing (" + fsJar + ", " + trJar + "); build them first with "
                        + "mvn -B -DskipTests package -pl fileserver-service,trivydb-service -am");
        Prerequisites.require(
                Files.isExecutable(Path.of("/usr/bin/docker-registry")),
                "the CNCF distribution registry as an upstream: apt-get install docker-registry");
        cli = new Cli(cliJar, tmp);
        servers = new Servers();
        fileserver = servers.airlockService(fsJar, tmp.resolve("fileserver"), PASSWORD);
        registry = servers.airlockService(trJar, tmp.resolve("trivydb"), PASSWORD);
        if (Files.isRegularFile(catJar)) {
            catalog = servers.airlockService(catJar, tmp.resolve("catalog"), PASSWORD);
        }
        String upstreamRegistry = servers.dockerRegistry(tmp.resolve("upstream-registry"));
        bigSize = Long.getLong("airlock.it.bigMb", 256) * 1024 * 1024;
        upstreamFiles = tmp.resolve("upstream-files");
        Servers.randomFile(upstreamFiles.resolve(DRIVER), 3 * 1024 * 1024 + 17, 1);
        Servers.randomFile(upstreamFiles.resolve("repository-s3/2.8.0/" + PLUGIN), bigSize, 2);
        Files.createDirectories(upstreamFiles.resolve("misc"));
        Files.writeString(upstreamFiles.resolve("misc/notes.txt"), "carried across the air gap\n");
        String files = servers.fileServer(upstreamFiles);

        dbLayer = trivyLayer(tmp.resolve("db.tar.gz"), "trivy.db", 2 * 1024 * 1024);
        Path javaLayer = trivyLayer(tmp.resolve("javadb.tar.gz"), "trivy-java.db", 12 * 1024 * 1024);
        OciClient upstream = new OciClient(upstreamRegistry, null, null);
        push(upstream, "aquasecurity/trivy-db", "2", dbLayer, "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip");
        push(
                upstream,
                "aquasecurity/trivy-java-db",
                "1",
                javaLayer,
                "application/vnd.aquasec.trivy.javadb.layer.v1.tar+gzip");

        Files.writeString(
                tmp.resolve("bundle.yaml"),
                String.join(
                        "\n",
                        "trivy:",
                        "  registry: " + upstreamRegistry,
                        "  artifacts:",
                        "    - repository: aquasecurity/trivy-db",
                        "      tags: [\"2\"]",
                        "    - repository: aquasecurity/trivy-java-db",
                        "      tags: [\"1\"]",
                        "falco:",
                        "  driversUrl: " + files,
                        "  drivers:",
                        "    - version: 8.1.0+driver",
                        "      arch: x86_64",
                        "      kernels:",
                        "        - {target: ubuntu-generic, release: 6.8.0-79-generic, version: \"79\"}",
                        "files:",
                        "  - url: " + files + "/misc/notes.txt",
                        "    path: " + NOTES,
                        "opensearch:",
                        "  pluginsUrl: " + files,
                        "  versions: [\"2.8.0\"]",
                        "  plugins: [repository-s3]",
                        ""));
        keys = tmp.resolve("keys");
        assertEquals(0, cli.run("keys", "generate", "--out", keys.toString()).exit());
        bundle = tmp.resolve("airlock-it-1.tar");

        Servers.awaitReady(fileserver, tmp.resolve("fileserver/service.log"));
        Servers.awaitReady(registry, tmp.resolve("trivydb/service.log"));
        if (catalog != null) {
            Servers.awaitReady(catalog, tmp.resolve("catalog/service.log"));
        }
    }

    @AfterAll
    void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void createsAndVerifiesInBoundedMemory() throws Exception {
        Cli.Run create = cli.run(
                "bundle",
                "create",
                "--spec",
                tmp.resolve("bundle.yaml").toString(),
                "--out",
                bundle.toString(),
                "--key",
                keys.resolve("private.pem").toString());
        assertEquals(0, create.exit(), create.toString());
        assertTrue(Files.size(bundle) > bigSize, "the bundle holds the big item");
        assertRss(create);
        assertTrue(Files.notExists(tmp.resolve("airlock-it-1.tar.staging")), "staging removed");

        Cli.Run verify = cli.run("bundle", "verify", "--bundle", bundle.toString(), "--key", publicKey());
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("5 items"), verify.out());
        assertRss(verify);

        manifest1 = tmp.resolve("manifest-1.json");
        try (TarFile tar = new TarFile(bundle.toFile())) {
            TarArchiveEntry first = tar.getEntries().get(0);
            try (InputStream in = tar.getInputStream(first)) {
                Files.copy(in, manifest1);
            }
        }
        BundleManifest m = BundleManifest.parse(Files.readAllBytes(manifest1));
        BundleManifest.Item db = m.items().get(0);
        assertEquals("trivy-db", db.kind());
        assertTrue(db.upstreamBuiltAt() != null && db.validUntil() != null, "Trivy metadata read: " + db);
        assertEquals("opensearch-plugin", m.items().get(3).kind());
        assertEquals(NOTES, m.items().get(4).destination().file());
        assertEquals(DRIVER, m.items().get(2).destination().file());
    }

    @Test
    @Order(2)
    void refusesTamperedBundlesBeforeImportingAnything() throws Exception {
        List<Tamper> cases = List.of(
                new Tamper(
                        "changed byte in the driver",
                        b -> Servers.flipByteIn(b, "falco_ubuntu"),
                        DRIVER,
                        "changed after"),
                new Tamper(
                        "changed byte in the DB layer",
                        b -> Servers.flipByteIn(b, sha(dbLayer)),
                        "trivy-db:2",
                        "changed"),
                new Tamper("changed manifest", BundleEndToEndIT::editManifest, "manifest.json", "signature"),
                new Tamper("truncated tar", b -> truncateInside(b, PLUGIN), PLUGIN, "truncated"),
                new Tamper("missing item", b -> rewrite(b, e -> !e.contains("falco_ubuntu"), false), DRIVER, "missing"),
                new Tamper("extra item", b -> rewrite(b, e -> true, true), "items/999/extra.sh", "does not list"));
        for (Tamper t : cases) {
            Path copy = tmp.resolve("tampered.tar");
            Files.copy(bundle, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            t.change().apply(copy);
            Cli.Run run = importCli(copy, "--key", publicKey());
            assertEquals(3, run.exit(), t.name() + ": " + run);
            List<String> lines = run.errorLines();
            assertEquals(1, lines.size(), t.name() + ": one line per failure: " + run.err());
            assertTrue(lines.get(0).contains(t.names()), t.name() + " names " + t.names() + ": " + lines.get(0));
            assertTrue(lines.get(0).contains(t.says()), t.name() + " says " + t.says() + ": " + lines.get(0));
            assertNothingImported(t.name());
            Files.delete(copy);
        }
        // a key the bundle was not signed with
        assertEquals(
                0,
                cli.run("keys", "generate", "--out", tmp.resolve("other").toString())
                        .exit());
        Cli.Run wrongKey =
                importCli(bundle, "--key", tmp.resolve("other/public.pem").toString());
        assertEquals(3, wrongKey.exit(), wrongKey.toString());
        assertTrue(wrongKey.err().contains("not by the trusted key"), wrongKey.err());
        assertNothingImported("wrong key");
    }

    @Test
    @Order(3)
    void interruptedImportResumesWithoutResending() throws Exception {
        Cli.Run dry = importCli(bundle, "--key", publicKey(), "--dry-run");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.out().contains("5 to add, 0 to replace, 0 already present"), dry.out());
        assertNothingImported("dry run");

        BundleManifest m = BundleManifest.parse(Files.readAllBytes(manifest1));
        long[] size = m.items().stream().mapToLong(BundleManifest.Item::size).toArray();
        long javaLayer = m.items().get(1).entries().stream()
                .mapToLong(BundleManifest.Entry::size)
                .max()
                .orElseThrow();

        // killed halfway through the Java DB layer: its config blob landed, its tag did not
        Cli.Run killed1 =
                importCli(bundle, "--key", publicKey(), "--halt-after-bytes", String.valueOf(size[0] + javaLayer / 2));
        assertEquals(137, killed1.exit(), "halted mid-transfer like a kill: " + killed1);
        assertTrue(killed1.out().contains("added    trivy-db"), killed1.out());
        OciClient anonymous = new OciClient(registry, null, null);
        assertTrue(anonymous.manifestDigest("aquasecurity/trivy-java-db", "1").isEmpty(), "no tag on half a DB");

        // resumed, and killed again halfway through the big plugin (the 4th item)
        Cli.Run killed2 = importCli(
                bundle, "--key", publicKey(), "--halt-after-bytes", String.valueOf(size[1] + size[2] + bigSize / 2));
        assertEquals(137, killed2.exit(), "halted mid-transfer like a kill: " + killed2);
        assertTrue(killed2.out().contains("present  trivy-db"), killed2.out());
        assertTrue(
                killed2.out().contains("added    trivy-java-db")
                        && killed2.out().contains("1 blob already in the registry"),
                "the config blob that landed before the first kill was not sent again: " + killed2.out());
        assertEquals(404, Servers.head(fileserver + "/" + PLUGIN), "nothing partial is visible");
        assertEquals(404, Servers.head(fileserver + "/" + NOTES), "the item after the kill was not reached");
        assertEquals(
                200, Servers.head(fileserver + "/8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"));

        Cli.Run dry2 = importCli(bundle, "--key", publicKey(), "--dry-run");
        assertTrue(dry2.out().contains("2 to add, 0 to replace, 3 already present"), dry2.out());

        Cli.Run resumed = importCli(bundle, "--key", publicKey());
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.out().contains("2 added, 0 replaced, 3 already present"), resumed.out());
        assertTrue(resumed.out().contains("0 blobs sent"), "no blob re-sent: " + resumed.out());
        assertTrue(resumed.err().contains("MiB/s"), "progress with rates on long transfers: " + resumed.err());
        assertRss(resumed);

        Cli.Run again = importCli(bundle, "--key", publicKey());
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("0 added, 0 replaced, 5 already present"), again.out());
        assertTrue(again.out().contains("; 0 B sent"), again.out());
    }

    @Test
    @Order(4)
    void importedContentComesBackByteForByte() throws Exception {
        assertSameBytes(
                fileserver + "/8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko",
                upstreamFiles.resolve(DRIVER));
        assertSameBytes(fileserver + "/" + PLUGIN, upstreamFiles.resolve("repository-s3/2.8.0/" + PLUGIN));
        assertSameBytes(fileserver + "/" + NOTES, upstreamFiles.resolve("misc/notes.txt"));

        Path layout = tmp.resolve("pulled");
        String ref = URI.create(registry).getAuthority() + "/aquasecurity/trivy-db:2";
        if (Files.isExecutable(Path.of("/usr/bin/skopeo"))) {
            Process p = new ProcessBuilder(
                            "/usr/bin/skopeo",
                            "copy",
                            "--src-tls-verify=false",
                            "docker://" + ref,
                            "oci:" + layout + ":2")
                    .redirectErrorStream(true)
                    .start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "skopeo pull: " + log);
            assertEquals(
                    -1L,
                    Files.mismatch(layout.resolve("blobs/sha256/" + sha(dbLayer)), dbLayer),
                    "skopeo pulled the DB layer byte for byte");
        } else {
            OciClient pull = new OciClient(registry, null, null);
            Path got = tmp.resolve("db-pulled");
            pull.blobToFile(
                    "aquasecurity/trivy-db", Digest.parse("sha256:" + sha(dbLayer)), Files.size(dbLayer), got, "db");
            assertEquals(-1L, Files.mismatch(got, dbLayer));
        }

        if (catalog != null) {
            HttpResponse<String> r = Servers.HTTP.send(
                    HttpRequest.newBuilder(URI.create(catalog + "/api/v1/versions?kind=opensearch-plugin"))
                            .header("Authorization", Servers.basic("admin", PASSWORD))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("(bundle airlock-it-1)"), "the catalog names the bundle: " + r.body());
        }
    }

    @Test
    @Order(5)
    void deltaBundleCarriesOnlyWhatChanged() throws Exception {
        Servers.randomFile(upstreamFiles.resolve(DRIVER), 3 * 1024 * 1024 + 99, 42);
        Path delta = tmp.resolve("airlock-it-2.tar");
        Cli.Run create = cli.run(
                "bundle",
                "create",
                "--spec",
                tmp.resolve("bundle.yaml").toString(),
                "--out",
                delta.toString(),
                "--key",
                keys.resolve("private.pem").toString(),
                "--since",
                manifest1.toString());
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.out().contains("1 items") && create.out().contains("4 unchanged"), create.out());
        Cli.Run dry = importCli(delta, "--key", publicKey(), "--dry-run");
        assertTrue(dry.out().contains("0 to add, 1 to replace, 0 already present"), dry.out());
        Cli.Run imported = importCli(delta, "--key", publicKey());
        assertEquals(0, imported.exit(), imported.toString());
        assertSameBytes(
                fileserver + "/8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko",
                upstreamFiles.resolve(DRIVER));
    }

    @Test
    @Order(6)
    void zstdBundleFromTheShadedJar() throws Exception {
        Path spec = tmp.resolve("small.yaml");
        Files.writeString(
                spec,
                "files:\n  - url: " + servers.fileServer(upstreamFiles) + "/misc/notes.txt\n    path: docs/z.txt\n");
        Path zst = tmp.resolve("airlock-it-z.tar.zst");
        Cli.Run create = cli.run(
                "bundle",
                "create",
                "--spec",
                spec.toString(),
                "--out",
                zst.toString(),
                "--key",
                keys.resolve("private.pem").toString());
        assertEquals(0, create.exit(), create.toString());
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(zst)) {
            assertEquals(4, in.read(magic));
        }
        assertEquals("28b52ffd", HexFormat.of().formatHex(magic), "zstd frame");
        Cli.Run verify = cli.run("bundle", "verify", "--bundle", zst.toString(), "--key", publicKey());
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("(airlock-it-z): 1 items"), verify.out());
    }

    // ---- helpers

    private interface Change {
        void apply(Path bundle) throws IOException;
    }

    private record Tamper(String name, Change change, String names, String says) {}

    private Cli.Run importCli(Path b, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "bundle",
                "import",
                "--bundle",
                b.toString(),
                "--fileserver",
                fileserver,
                "--registry",
                registry,
                "--user",
                "admin",
                "--password",
                PASSWORD));
        if (catalog != null) {
            args.add("--catalog");
            args.add(catalog);
        }
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private static void assertRss(Cli.Run run) {
        if (run.maxRssKb() > 0) {
            assertTrue(run.maxRssKb() < MAX_RSS_KB, "peak RSS " + run.maxRssKb() / 1024 + " MiB");
        }
    }

    private String publicKey() {
        return keys.resolve("public.pem").toString();
    }

    private void assertNothingImported(String context) throws Exception {
        assertEquals(404, Servers.head(fileserver + "/" + PLUGIN), context);
        assertEquals(
                404,
                Servers.head(fileserver + "/8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"),
                context);
        assertEquals(404, Servers.head(fileserver + "/" + NOTES), context);
        OciClient anonymous = new OciClient(registry, null, null);
        assertTrue(anonymous.manifestDigest("aquasecurity/trivy-db", "2").isEmpty(), context);
        assertTrue(anonymous.manifestDigest("aquasecurity/trivy-java-db", "1").isEmpty(), context);
        assertTrue(
                !anonymous.blobExists("aquasecurity/trivy-db", Digest.parse("sha256:" + sha(dbLayer))),
                context + ": no blob pushed");
    }

    private void assertSameBytes(String url, Path expected) throws Exception {
        Path got = Files.createTempFile(tmp, "got", ".bin");
        HttpResponse<Path> r = Servers.HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(got));
        assertEquals(200, r.statusCode(), url);
        assertEquals(-1L, Files.mismatch(got, expected), url + " byte for byte");
        Files.delete(got);
    }

    static String sha(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Trivy-shaped layer: a tar.gz with the DB file and metadata.json. */
    private static Path trivyLayer(Path file, String dbName, int dbSize) throws IOException {
        Path db = file.resolveSibling(dbName);
        Servers.randomFile(db, dbSize, dbName.hashCode());
        byte[] metadata =
                ("{\"Version\":2,\"NextUpdate\":\"2026-11-26T00:00:00Z\",\"UpdatedAt\":\"2026-11-25T00:00:00Z\","
                                + "\"DownloadedAt\":\"2026-11-25T01:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(dbName);
            e.setSize(dbSize);
            tar.putArchiveEntry(e);
            Files.copy(db, tar);
            tar.closeArchiveEntry();
            TarArchiveEntry m = new TarArchiveEntry("metadata.json");
            m.setSize(metadata.length);
            tar.putArchiveEntry(m);
            tar.write(metadata);
            tar.closeArchiveEntry();
        }
        return file;
    }

    private static void push(OciClient registry, String repo, String tag, Path layer, String layerType)
            throws IOException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        registry.pushBlob(repo, configDigest, config.length, new ByteArrayInputStream(config), "config");
        Digest layerDigest = Digest.parse("sha256:" + sha(layer));
        try (InputStream in = Files.newInputStream(layer)) {
            registry.pushBlob(repo, layerDigest, Files.size(layer), in, "layer");
        }
        Manifest.Image image = new Manifest.Image(
                2,
                MediaTypes.OCI_MANIFEST,
                "application/vnd.aquasec.trivy.config.v1+json",
                Descriptor.of(MediaTypes.OCI_EMPTY, configDigest, config.length),
                List.of(new Descriptor(
                        layerType,
                        layerDigest,
                        Files.size(layer),
                        null,
                        Map.of(
                                "org.opencontainers.image.title",
                                layer.getFileName().toString()),
                        null,
                        null)),
                null,
                null);
        registry.pushManifest(repo, tag, OciJson.MAPPER.writeValueAsBytes(image), MediaTypes.OCI_MANIFEST);
    }

    /** Changes one character of manifest.json (same length, still valid JSON): the signature no longer matches. */
    private static void editManifest(Path bundle) throws IOException {
        long offset;
        int length;
        try (TarFile tar = new TarFile(bundle.toFile())) {
            TarArchiveEntry e = tar.getEntries().get(0);
            offset = e.getDataOffset();
            length = (int) e.getSize();
        }
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            byte[] json = new byte[length];
            f.seek(offset);
            f.readFully(json);
            String text = new String(json, StandardCharsets.UTF_8);
            int at = text.indexOf("\"size\" : ") + "\"size\" : ".length();
            f.seek(offset + at);
            f.write(json[at] == '1' ? '2' : '1');
        }
    }

    private static void truncateInside(Path bundle, String needle) throws IOException {
        long cut = -1;
        try (TarFile tar = new TarFile(bundle.toFile())) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().contains(needle)) {
                    cut = e.getDataOffset() + e.getSize() / 3;
                }
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            f.setLength(cut);
        }
    }

    /** Copies the bundle keeping the entries {@code keep} accepts, optionally appending an unlisted one. */
    private static void rewrite(Path bundle, Predicate<String> keep, boolean extra) throws IOException {
        Path out = bundle.resolveSibling("rewritten.tar");
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(bundle));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!keep.test(e.getName())) {
                    continue;
                }
                TarArchiveEntry copy = new TarArchiveEntry(e.getName());
                copy.setSize(e.getSize());
                tar.putArchiveEntry(copy);
                in.transferTo(tar);
                tar.closeArchiveEntry();
            }
            if (extra) {
                byte[] script = "#!/bin/sh\necho surprise\n".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry x = new TarArchiveEntry("items/999/extra.sh");
                x.setSize(script.length);
                tar.putArchiveEntry(x);
                tar.write(script);
                tar.closeArchiveEntry();
            }
        }
        Files.move(out, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
