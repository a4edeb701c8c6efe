package io.airlock.falco;

import static io.airlock.falco.TestDrivers.admin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.falco.store.FileTree;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.StorageConfig;
import io.airlock.testkit.CatalogStubResource;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.RawHttp;
import io.airlock.testkit.fuzz.DiskWatch;
import io.airlock.testkit.fuzz.ErrorFormat;
import io.airlock.testkit.fuzz.FuzzRequest;
import io.airlock.testkit.fuzz.FuzzRunner;
import io.airlock.testkit.fuzz.HostileInputs;
import io.airlock.testkit.fuzz.OciFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The bad-input suite for falco-index-service (docs/testing.md): hostile driver uploads and tar imports, upstream
 * index YAML, kubectl node JSON, and the /v2 registry for rulesfiles and plugins, anonymous and with the admin
 * credential. Asserts no 5xx, no hang, problem+json on /api and OCI errors on /v2, the seeded driver and artifact
 * byte-identical afterwards and nothing written outside the store. Replay: {@code -Dairlock.fuzz.seed=<seed>}.
 */
@QuarkusTest
@QuarkusTestResource(CatalogStubResource.class)
class FalcoFuzzTest {
    static final long SEED = 0xFA1C0L;
    static final String ADMIN = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + TestDrivers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String VERSION = "8.1.0+driver";
    static final String DRIVER = "falco_ubuntu-generic_6.8.0-79-generic_79.ko";
    static final String DRIVER_PATH = "/api/v1/drivers/8.1.0%2Bdriver/x86_64/" + DRIVER;
    static final String REPO = "falcosecurity/rules/fzseed";
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Inject
    FileTree tree;

    @Inject
    StorageConfig storage;

    @Test
    void hostileRequestsNeverBreakTheFalcoService() throws IOException {
        byte[] ko = TestDrivers.elf(TestDrivers.EM_X86_64, 30_000, 5);
        admin().body(ko)
                .contentType("application/octet-stream")
                .put(DRIVER_PATH)
                .then()
                .statusCode(201);

        byte[] config = "{\"name\":\"fzseed-rules\",\"version\":\"3.2.0\",\"dependencies\":[],\"requirements\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = Fixtures.randomBytes(2000, 9);
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("sha256:" + Fixtures.sha256Hex(config), config);
        blobs.put("sha256:" + Fixtures.sha256Hex(layer), layer);
        blobs.forEach((digest, bytes) -> admin().contentType("application/octet-stream")
                .body(bytes)
                .post("/v2/" + REPO + "/blobs/uploads/?digest=" + digest)
                .then()
                .statusCode(201));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.cncf.falco.rulesfile.config.v1+json\",\"digest\":\"sha256:"
                + Fixtures.sha256Hex(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz\",\"digest\":\"sha256:"
                + Fixtures.sha256Hex(layer) + "\",\"size\":" + layer.length
                + ",\"annotations\":{\"org.opencontainers.image.title\":\"rules.tar.gz\"}}]}";
        String manifestDigest = admin().contentType(MANIFEST)
                .body(manifest.getBytes(StandardCharsets.UTF_8))
                .put("/v2/" + REPO + "/manifests/3.2.0")
                .then()
                .statusCode(201)
                .extract()
                .header("Docker-Content-Digest");
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(URI.create(admin().post("/v2/" + REPO + "/blobs/uploads/")
                            .then()
                            .statusCode(202)
                            .extract()
                            .header("Location"))
                    .getPath());
        }
        OciFuzz oci =
                new OciFuzz(REPO, "3.2.0", manifestDigest, List.copyOf(blobs.keySet()), config.length, sessions, ADMIN);
        String nodes = sample("kubectl-nodes-mixed.json");
        String upstream = sample("upstream-index.yaml");

        // the app's own view: airlock.data-dir holds ${quarkus.uuid}, which the test's config resolves anew
        Path storeRoot = Path.of(storage.filesystem().root()).toAbsolutePath().normalize();
        Path dataDir = storeRoot.getParent();
        // earlier app starts' stores (one data directory per start) hold drivers earlier runs stored: stores too
        List<Path> stores = new ArrayList<>(List.of(storeRoot));
        try (var dirs = Files.list(dataDir.getParent())) {
            dirs.map(d -> d.resolve("store").toAbsolutePath().normalize())
                    .filter(d -> Files.isDirectory(d) && !d.equals(storeRoot))
                    .forEach(stores::add);
        }
        DiskWatch disk = DiskWatch.start(stores, List.of(dataDir)).alsoSearch(Path.of(""));

        FuzzRunner.FuzzReport report = FuzzRunner.against("falco-index-service", RestAssured.port, SEED)
                .requests(2000)
                .timeout(Duration.ofSeconds(15))
                .format(r -> r.path().startsWith("/v2")
                        ? ErrorFormat.OCI_OR_PROBLEM
                        : r.path().startsWith("/api/") ? ErrorFormat.PROBLEM : ErrorFormat.ANY)
                .run(in -> in.chance(40) ? oci.request(in) : api(in, nodes, upstream));
        System.out.println(report.summary());

        report.assertClean();
        assertArrayEquals(ko, stored(VERSION + "/x86_64/" + DRIVER), "seeded driver changed by the fuzz");
        RawHttp.Response m = RawHttp.request(RestAssured.port, "GET", "/v2/" + REPO + "/manifests/3.2.0");
        assertEquals(200, m.status());
        assertEquals(manifestDigest, m.header("Docker-Content-Digest"), "seeded tag moved by the fuzz");
        assertArrayEquals(manifest.getBytes(StandardCharsets.UTF_8), m.body());
        blobs.forEach((digest, bytes) -> assertArrayEquals(
                bytes,
                RawHttp.request(RestAssured.port, "GET", "/v2/" + REPO + "/blobs/" + digest)
                        .body(),
                "seeded blob " + digest));
        disk.assertNothingOutside();
    }

    byte[] stored(String key) throws IOException {
        BlobInfo info = tree.store().stat(key).orElseThrow(() -> new AssertionError("seeded driver gone: " + key));
        try (InputStream in = tree.store().open(info, 0, info.size())) {
            return in.readAllBytes();
        }
    }

    static String sample(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/samples", name));
    }

    static FuzzRequest api(HostileInputs in, String nodes, String upstream) {
        switch (in.nextInt(10)) {
            case 0:
            case 1: { // driver uploads to hostile version/arch/name triples
                String target = "/api/v1/drivers/"
                        + in.pick(in.segment(), "8.1.0%2Bdriver", "8.1.0+driver", in.name())
                        + "/" + in.pick(in.segment(), "x86_64", "aarch64", "..") + "/"
                        + in.pick(in.segment(), "falco_" + in.name() + "_6.8.0-1-generic_1.ko", DRIVER, in.name());
                FuzzRequest r = FuzzRequest.of("PUT", target)
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Content-Type", in.mediaType())
                        .body(
                                in.chance(50)
                                        ? TestDrivers.elf(in.pick(62, 183, 247, 3, 0), in.pick(64, 100, 5000), 1)
                                        : in.bytes(in.pick(0, 10, 3000)));
                return (in.chance(25) ? in.badFraming(r) : r).label("driver upload");
            }
            case 2: { // bad writes over the seeded driver: never an ELF of the right machine with the credential
                FuzzRequest r = FuzzRequest.of("PUT", in.chance(50) ? DRIVER_PATH : in.mutatePath(DRIVER_PATH))
                        .header("Authorization", ADMIN)
                        .body(in.chance(50) ? in.bytes(500) : TestDrivers.elf(TestDrivers.EM_AARCH64, 500, 2));
                if (in.chance(40)) {
                    return r.header("Content-Length", "99999999999999")
                            .body(TestDrivers.elf(TestDrivers.EM_X86_64, 500, 3))
                            .rawFraming(true)
                            .label("overwrite of the seeded driver whose body never arrives");
                }
                return r.label("overwrite of the seeded driver with a wrong file");
            }
            case 3: // bulk import of hostile tar streams
                return FuzzRequest.of("POST", "/api/v1/drivers/import")
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Content-Type", in.pick("application/x-tar", "application/gzip", in.mediaType()))
                        .body(hostileTar(in))
                        .label("driver import");
            case 4: // deletes and reads of hostile driver paths
                return FuzzRequest.of(
                                in.pick("DELETE", "GET", "HEAD"),
                                in.chance(30) ? in.mutatePath(DRIVER_PATH) : in.path("/api/v1/drivers"))
                        .header("Authorization", in.chance(30) ? in.authorization(null) : ADMIN)
                        .label("driver path");
            case 5:
            case 6: { // upstream index YAML
                FuzzRequest r = FuzzRequest.of("PUT", "/api/v1/index/upstream")
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Content-Type", in.pick("application/yaml", "text/yaml", in.mediaType()))
                        .body(in.yaml(upstream));
                return (in.chance(15) ? in.badFraming(r) : r).label("upstream index");
            }
            case 7: { // kubectl nodes JSON
                FuzzRequest r = FuzzRequest.of("POST", "/api/v1/coverage" + in.pick("", "?" + in.query("arch", "kind")))
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Content-Type", in.pick("application/json", in.mediaType()))
                        .body(in.json(nodes));
                return (in.chance(15) ? in.badFraming(r) : r).label("coverage nodes");
            }
            case 8: // reads with junk parameters
                return FuzzRequest.of(
                                in.pick("GET", "HEAD", "POST", "DELETE"),
                                in.pick(
                                        "/api/v1/coverage?" + in.query("kind", "arch", "format"),
                                        "/api/v1/index",
                                        "/api/v1/index/upstream",
                                        "/api/v1/index/publish",
                                        "/api/v1/drivers",
                                        "/api/v1/" + in.segment(),
                                        in.path("/api")))
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Accept", in.mediaType())
                        .label("api read");
            default: // publish with bodies it does not expect
                return FuzzRequest.of("POST", "/api/v1/index/publish")
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Content-Type", in.mediaType())
                        .body(in.json(null))
                        .label("publish");
        }
    }

    /** A tar stream that tries to escape, lies about sizes, is cut off or is not a tar at all. */
    static byte[] hostileTar(HostileInputs in) {
        switch (in.nextInt(5)) {
            case 0:
                return in.bytes(in.pick(0, 1, 511, 512, 1024, 5000));
            case 1: { // a valid tar whose header is then corrupted (size field, checksum)
                byte[] tar = tar(in, List.of(VERSION + "/x86_64/falco_" + in.name() + "_6.8.0-1-generic_1.ko"));
                int at = in.pick(124, 148, 156, 0, 345);
                for (int i = 0; i < 12 && at + i < tar.length; i++) {
                    tar[at + i] = (byte) (int) in.pick(55, 57, 0, 32, 122);
                }
                return tar;
            }
            case 2: { // a tar cut off mid-entry
                byte[] tar = tar(in, List.of(VERSION + "/x86_64/falco_" + in.name() + "_6.8.0-1-generic_1.ko"));
                return java.util.Arrays.copyOf(tar, 512 + in.nextInt(Math.max(1, tar.length - 512)));
            }
            default: // entries with names that walk out, are absolute, or are not drivers
                return tar(
                        in,
                        List.of(
                                in.pick(
                                        "../../" + in.name() + ".ko",
                                        "/" + in.name() + "/x86_64/falco_a_1_1.ko",
                                        VERSION + "/x86_64/../../../" + in.name() + ".ko",
                                        VERSION + "/../" + in.name() + "/falco_a_1_1.ko",
                                        "8.1.0%2Bdriver/x86_64/" + in.name() + ".ko",
                                        VERSION + "/x86_64/" + in.segment(),
                                        in.segment() + "/" + in.segment() + "/" + in.name()),
                                in.path("").substring(1)));
        }
    }

    static byte[] tar(HostileInputs in, List<String> names) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String entryName : names) {
                String name = entryName.replaceAll("/+$", "");
                name = name.isEmpty() ? in.name() : name;
                byte[] content = in.chance(50) ? TestDrivers.elf(TestDrivers.EM_X86_64, 200, 4) : in.bytes(100);
                TarArchiveEntry e;
                if (in.chance(20)) {
                    e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(in.pick("/etc/passwd", "../../../", "/tmp/" + in.name()));
                    content = new byte[0];
                } else {
                    e = new TarArchiveEntry(name);
                }
                e.setSize(content.length);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            return in.bytes(1024);
        }
    }
}
