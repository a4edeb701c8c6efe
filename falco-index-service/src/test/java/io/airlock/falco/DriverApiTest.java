package io.airlock.falco;

import static io.airlock.falco.TestDrivers.EM_AARCH64;
import static io.airlock.falco.TestDrivers.EM_BPF;
import static io.airlock.falco.TestDrivers.EM_X86_64;
import static io.airlock.falco.TestDrivers.admin;
import static io.airlock.falco.TestDrivers.anon;
import static io.airlock.falco.TestDrivers.elf;
import static io.airlock.falco.TestDrivers.uniqueVersion;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.auth.Challenges;
import io.airlock.falco.store.FileTree;
import io.airlock.storage.BlobInfo;
import io.airlock.testkit.CatalogStubResource;
import io.airlock.testkit.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Driver ingest through HTTP: what is stored where the file server serves it, and every refusal. */
@QuarkusTest
@QuarkusTestResource(CatalogStubResource.class)
class DriverApiTest {
    static final String UBUNTU = "falco_ubuntu-generic_6.8.0-79-generic_79.ko";

    @Inject
    FileTree tree;

    String version;

    @BeforeEach
    void uniqueVersion_() {
        version = uniqueVersion();
    }

    String escaped() {
        return version.replace("+", "%2B");
    }

    Optional<byte[]> stored(String key) throws IOException {
        Optional<BlobInfo> info = tree.store().stat(key);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = tree.store().open(info.get(), 0, info.get().size())) {
            return Optional.of(in.readAllBytes());
        }
    }

    void assertNothingUnder(String dir) throws IOException {
        try (var entries = tree.store().list(dir, true)) {
            assertEquals(0, entries.count(), "nothing may be stored under " + dir);
        }
    }

    @Test
    void aDriverIsStoredInTheFileServersTreeAtTheLoadersPath() throws IOException {
        byte[] ko = elf(EM_X86_64, 200_000, 1);
        admin().body(ko)
                .contentType("application/octet-stream")
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU)
                .then()
                .statusCode(201)
                .contentType("application/json")
                .body("path", equalTo(version + "/x86_64/" + UBUNTU))
                .body("url", equalTo("/" + escaped() + "/x86_64/" + UBUNTU))
                .body("targetId", equalTo("ubuntu-generic"))
                .body("kernelRelease", equalTo("6.8.0-79-generic"))
                .body("kernelVersion", equalTo("79"))
                .body("sha256", equalTo(Fixtures.sha256Hex(ko)))
                .body("size", equalTo(ko.length));
        assertArrayEquals(ko, stored(version + "/x86_64/" + UBUNTU).orElseThrow());

        // a raw '+' names the same file: a replacement, answered 200
        byte[] replacement = elf(EM_X86_64, 1000, 2);
        admin().body(replacement)
                .put("/api/v1/drivers/" + version + "/x86_64/" + UBUNTU)
                .then()
                .statusCode(200);
        assertArrayEquals(replacement, stored(version + "/x86_64/" + UBUNTU).orElseThrow());

        anon().get("/api/v1/drivers").then().statusCode(200).body("path", hasItem(version + "/x86_64/" + UBUNTU));

        // the catalog is told where the loader finds it
        String notice = CatalogStubResource.awaitNotice(
                body -> body.contains(version + "/x86_64/" + UBUNTU) && body.contains(Fixtures.sha256Hex(replacement)),
                java.time.Duration.ofSeconds(10));
        assertTrue(notice.contains("\"kind\":\"falco-driver\""), notice);
        assertTrue(
                notice.contains("\"location\":\"http://fileserver.air-gapped.internal:8080/" + version + "/x86_64/"
                        + UBUNTU + "\""),
                notice);
    }

    @Test
    void aarch64ModulesAndEbpfProbesAreAccepted() throws IOException {
        String arm = "falco_amazonlinux2023_6.1.79-99.164.amzn2023.aarch64_1.ko";
        admin().body(elf(EM_AARCH64, 500, 3))
                .put("/api/v1/drivers/" + escaped() + "/aarch64/" + arm)
                .then()
                .statusCode(201)
                .body("kernelRelease", equalTo("6.1.79-99.164.amzn2023.aarch64"))
                .body("kernelVersion", equalTo("1"));
        String probe = "falco_bottlerocket_5.15.148_1_1.19.2-aws.o";
        admin().body(elf(EM_BPF, 500, 4))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + probe)
                .then()
                .statusCode(201)
                .body("kernelRelease", equalTo("5.15.148"))
                .body("kernelVersion", equalTo("1_1.19.2-aws"));
        assertTrue(stored(version + "/aarch64/" + arm).isPresent());
        assertTrue(stored(version + "/x86_64/" + probe).isPresent());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "falco.ko",
                "falco_ubuntu-generic.ko",
                "falco_ubuntu-generic_6.8.0-79-generic.ko",
                "falco_ubuntu-generic_6.8.0-79-generic_79.txt",
                "falco_ubuntu-generic_6.8.0-79-generic_79",
                "falco__6.8.0-79-generic_79.ko",
                "falco_Ubuntu_6.8.0-79-generic_79.ko",
                "falco_ubuntu-generic_generic_79.ko",
                "falco_ubuntu-generic_6.8.0-79-generic_.ko",
                "falco_ubuntu-generic_6.8.0 79_79.ko",
                "falco_ubuntu-generic_6.8.0-79-generic_79.ko.gz",
                "_ubuntu-generic_6.8.0-79-generic_79.ko",
            })
    void malformedDriverNamesAreRefused(String name) throws IOException {
        Response r = admin().body(elf(EM_X86_64, 100, 5))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + name.replace(" ", "%20"));
        r.then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        assertTrue(r.jsonPath().getString("detail").length() > 10, r.asString());
        assertNothingUnder(version + "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm64", "i386", "armv7l", "X86_64", "s390x"})
    void onlyX86_64AndAarch64AreAccepted(String arch) throws IOException {
        admin().body(elf(EM_X86_64, 100, 6))
                .put("/api/v1/drivers/" + escaped() + "/" + arch + "/" + UBUNTU)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("x86_64 and aarch64"));
        assertNothingUnder(version + "/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"8.1.0", "latest", "8.1.0%2Bdrive", "8.1%2Bdriver", "v8.1.0%2Bdriver", "8.1.0%2Bdriver%2Bx"})
    void malformedDriverVersionsAreRefused(String v) {
        admin().body(elf(EM_X86_64, 100, 7))
                .put("/api/v1/drivers/" + v + "/x86_64/" + UBUNTU)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("driver version"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e",
                "..",
                "falco_ubuntu-generic_6.8.0-79-generic_79.ko%2F..%2Fx.ko",
                "..%5Cfalco_ubuntu-generic_6.8.0-79-generic_79.ko",
                "falco_ubuntu-generic_6.8.0-79-generic_79%00.ko",
            })
    void traversalInNamesIsRefused(String name) throws IOException {
        int status = admin().body(elf(EM_X86_64, 100, 8))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + name)
                .statusCode();
        assertEquals(400, status, name);
        assertNothingUnder(version + "/");
    }

    @Test
    void traversalInTheVersionOrArchIsRefused() throws IOException {
        admin().body(elf(EM_X86_64, 100, 9))
                .put("/api/v1/drivers/%2e%2e/x86_64/" + UBUNTU)
                .then()
                .statusCode(400);
        admin().body(elf(EM_X86_64, 100, 9))
                .put("/api/v1/drivers/" + escaped() + "/..%2F..%2Fx86_64/" + UBUNTU)
                .then()
                .statusCode(400);
    }

    @Test
    void contentThatCannotBeADriverIsRefusedAndNothingIsStored() throws IOException {
        String url = "/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU;
        Map<String, byte[]> bad = Map.of(
                "is not an ELF object", "<html>404 Not Found</html>".getBytes(),
                "too short", new byte[] {0x7f, 'E', 'L', 'F', 2, 1},
                "not 64-bit", elf(1, 1, EM_X86_64, 100, 10),
                "not a relocatable", elf(2, 2, EM_X86_64, 100, 11),
                "does not match x86_64", elf(EM_AARCH64, 100, 12),
                "not an ELF object (no", Fixtures.opensearchPluginZip("repository-s3", "2.8.0"));
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            admin().body(e.getValue())
                    .put(url)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString(e.getKey()));
        }
        admin().body(new byte[0]).put(url).then().statusCode(400);
        // an eBPF probe published as a kernel module, and a module as a probe
        admin().body(elf(EM_BPF, 100, 13)).put(url).then().statusCode(400);
        admin().body(elf(EM_X86_64, 100, 14))
                .put(url.replace(".ko", ".o"))
                .then()
                .statusCode(400)
                .body("detail", containsString("eBPF"));
        assertNothingUnder(version + "/");
    }

    @Test
    void aWrongDeclaredChecksumStoresNothing() throws IOException {
        admin().header("X-Checksum-Sha256", "0".repeat(64))
                .body(elf(EM_X86_64, 5000, 15))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertNothingUnder(version + "/");
    }

    @Test
    void writesNeedTheAdminCredential() throws IOException {
        String url = "/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU;
        anon().body(elf(EM_X86_64, 100, 16))
                .put(url)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        anon().auth()
                .preemptive()
                .basic("admin", "wrong")
                .body(elf(EM_X86_64, 100, 16))
                .put(url)
                .then()
                .statusCode(401);
        anon().body(new byte[] {1}).post("/api/v1/drivers/import").then().statusCode(401);
        anon().delete(url).then().statusCode(401);
        assertNothingUnder(version + "/");
    }

    @Test
    void deleteRemovesADriver() throws IOException {
        String url = "/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU;
        admin().body(elf(EM_X86_64, 100, 17)).put(url).then().statusCode(201);
        admin().delete(url).then().statusCode(204);
        admin().delete(url).then().statusCode(404).contentType("application/problem+json");
        assertNothingUnder(version + "/");
    }

    @Test
    void aDownloadedDriverTreeImportsAsATarStream() throws IOException {
        byte[] a = elf(EM_X86_64, 3000, 20);
        byte[] b = elf(EM_AARCH64, 3000, 21);
        byte[] c = elf(EM_X86_64, 3000, 22);
        String escapedDir = "download.falco.org/driver/" + escaped();
        byte[] tgz = tarGz(List.of(
                new TarFile("./" + version + "/x86_64/" + UBUNTU, a, false),
                new TarFile("./" + version + "/aarch64/falco_ubuntu-aws_6.8.0-1012-aws_12.ko", b, false),
                new TarFile(escapedDir + "/x86_64/falco_debian_6.1.76-1-amd64_1.ko", c, false),
                new TarFile(version + "/x86_64/index.html", "<html/>".getBytes(), false),
                new TarFile(version + "/x86_64/falco_debian_6.1.76-1-cloud-amd64_1.ko", "text".getBytes(), false),
                new TarFile(version + "/mips/falco_debian_6.1.76-1-amd64_1.ko", c, false),
                new TarFile("../" + version + "/x86_64/falco_debian_5.10.209-2-amd64_1.ko", c, false),
                new TarFile(version + "/x86_64/falco_debian_5.10.209-2-amd64_1.ko", c, true)));
        admin().contentType("application/gzip")
                .body(tgz)
                .post("/api/v1/drivers/import")
                .then()
                .statusCode(200)
                .body("imported.size()", equalTo(3))
                .body("rejected.size()", equalTo(5))
                .body("imported.url", hasItem("/" + escaped() + "/x86_64/falco_debian_6.1.76-1-amd64_1.ko"))
                .body("rejected.entry", hasItem(version + "/x86_64/index.html"));
        assertArrayEquals(a, stored(version + "/x86_64/" + UBUNTU).orElseThrow());
        assertArrayEquals(
                b,
                stored(version + "/aarch64/falco_ubuntu-aws_6.8.0-1012-aws_12.ko")
                        .orElseThrow());
        assertArrayEquals(
                c, stored(version + "/x86_64/falco_debian_6.1.76-1-amd64_1.ko").orElseThrow());
        try (var entries = tree.store().list(version + "/", true)) {
            assertEquals(3, entries.count());
        }
    }

    @Test
    void anUncompressedTarImportsToo() throws IOException {
        byte[] a = elf(EM_X86_64, 3000, 23);
        byte[] tar = tar(List.of(new TarFile(version + "/x86_64/" + UBUNTU, a, false)));
        admin().body(tar).post("/api/v1/drivers/import").then().statusCode(200).body("imported.size()", equalTo(1));
        assertArrayEquals(a, stored(version + "/x86_64/" + UBUNTU).orElseThrow());
    }

    @Test
    void aBodyThatIsNotATarIsRefused() {
        admin().body("just some text, definitely not a tar archive".getBytes())
                .post("/api/v1/drivers/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        admin().body(new byte[0]).post("/api/v1/drivers/import").then().statusCode(400);
    }

    @Test
    void aWrongPasswordIsAProblem401NotAnEmptyOne() {
        // found by FalcoFuzzTest: the HTTP layer answered a wrong password with an empty 401
        anon().auth()
                .preemptive()
                .basic("admin", "wrong")
                .body(elf(EM_X86_64, 100, 1))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    void signInFailuresAreProblemsWithTheSuitesOneChallenge() {
        // the catalog sent a Basic challenge of its own (without charset); every service now sends libs/auth's one
        anon().body(elf(EM_X86_64, 100, 2))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/" + UBUNTU)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(Challenges.BASIC))
                .body("type", equalTo("urn:airlock:falco-index:unauthorized"))
                .body("detail", equalTo("writes need the admin credential"));
        // a wrong password is refused on reads too, as the registries do (it used to list the drivers regardless)
        anon().auth()
                .preemptive()
                .basic("admin", "wrong")
                .get("/api/v1/drivers")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(Challenges.BASIC))
                .body("detail", equalTo("wrong user name or password"));
    }

    @Test
    void aRefusedDriverNamesItsErrorCode() throws IOException {
        admin().body(elf(EM_X86_64, 100, 3))
                .put("/api/v1/drivers/" + escaped() + "/x86_64/falco.ko")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:airlock:falco-index:invalid-driver-name"))
                .body("title", equalTo("Invalid driver file name"))
                .body("status", equalTo(400));
        assertNothingUnder(version + "/");
    }

    @Test
    void anArchiveCutOffMidEntryIsA400NotA500() throws IOException {
        // found by FalcoFuzzTest: the tar stream's "Truncated TAR archive" surfaced as a 500
        byte[] tar = tar(List.of(new TarFile(version + "/x86_64/" + UBUNTU, elf(EM_X86_64, 3000, 24), false)));
        byte[] cut = java.util.Arrays.copyOf(tar, 512 + 1000);
        admin().body(cut).post("/api/v1/drivers/import").then().statusCode(400).contentType("application/problem+json");
        byte[] gz = tarGz(List.of(new TarFile(version + "/x86_64/" + UBUNTU, elf(EM_X86_64, 3000, 25), false)));
        admin().body(java.util.Arrays.copyOf(gz, gz.length / 2))
                .post("/api/v1/drivers/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertTrue(stored(version + "/x86_64/" + UBUNTU).isEmpty(), "nothing partial is stored");
    }

    record TarFile(String name, byte[] content, boolean symlink) {}

    static byte[] tarGz(List<TarFile> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(tar(files));
        }
        return bytes.toByteArray();
    }

    static byte[] tar(List<TarFile> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarFile f : files) {
                if (f.symlink()) {
                    TarArchiveEntry e = new TarArchiveEntry(f.name(), TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName("/etc/passwd");
                    tar.putArchiveEntry(e);
                } else {
                    TarArchiveEntry e = new TarArchiveEntry(f.name());
                    e.setSize(f.content().length);
                    tar.putArchiveEntry(e);
                    tar.write(f.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
