package io.airlock.fileserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.testkit.CatalogStubResource;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.RawHttp;
import io.airlock.testkit.fuzz.DiskWatch;
import io.airlock.testkit.fuzz.ErrorFormat;
import io.airlock.testkit.fuzz.FuzzRequest;
import io.airlock.testkit.fuzz.FuzzRunner;
import io.airlock.testkit.fuzz.HostileInputs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The bad-input suite for the file server (docs/testing.md): hostile paths, headers, digests and framing on GET, HEAD,
 * PUT and DELETE, anonymous and with the admin credential. Asserts no 5xx, no hang, plain-text errors, seeded files
 * byte-identical afterwards and nothing written outside the store. Replay: {@code -Dairlock.fuzz.seed=<seed>}.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogStubResource.class, restrictToAnnotatedClass = true)
class FileserverFuzzTest {
    static final long SEED = 0xF11E5L;
    static final String ADMIN = "Basic "
            + Base64.getEncoder()
                    .encodeToString(("admin:" + FileServerContractTest.PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String DIR = "/fzseed";

    /** path on the wire -> bytes that must be served there, before and after the fuzz. */
    final Map<String, byte[]> seeded = new LinkedHashMap<>();

    @Test
    void hostileRequestsNeverBreakTheFileServer() {
        seeded.put(DIR + "/repository-s3-2.8.0.zip", Fixtures.opensearchPluginZip("repository-s3", "2.8.0"));
        seeded.put(
                DIR + "/8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko",
                Fixtures.elfKernelModule(20_000, 7));
        seeded.put(
                DIR + "/falcoctl/index.yaml",
                "- name: falco-rules\n  type: rulesfile\n".getBytes(StandardCharsets.UTF_8));
        seeded.forEach(FileServerContractTest::upload);
        List<String> paths = List.copyOf(seeded.keySet());

        Path dataDir = Path.of(config("airlock.data-dir")).toAbsolutePath().normalize();
        Path storeRoot = Path.of(config("airlock.storage.filesystem.root"))
                .toAbsolutePath()
                .normalize();
        DiskWatch disk = DiskWatch.start(List.of(storeRoot), List.of(dataDir)).alsoSearch(Path.of(""));

        FuzzRunner.FuzzReport report = FuzzRunner.against("fileserver-service", RestAssured.port, SEED)
                .requests(2000)
                .timeout(Duration.ofSeconds(15))
                .format(r -> r.path().startsWith("/q/") ? ErrorFormat.ANY : ErrorFormat.PLAIN)
                .check(FileserverFuzzTest::neverOutsideContent)
                .run(in -> request(in, paths));
        System.out.println(report.summary());

        report.assertClean();
        for (Map.Entry<String, byte[]> e : seeded.entrySet()) {
            RawHttp.Response r = RawHttp.request(RestAssured.port, "GET", e.getKey());
            assertEquals(200, r.status(), "seeded " + e.getKey() + " after the fuzz");
            assertArrayEquals(e.getValue(), r.body(), "seeded " + e.getKey() + " changed by the fuzz");
            assertEquals("\"" + Fixtures.sha256Hex(e.getValue()) + "\"", r.header("ETag"));
        }
        disk.assertNothingOutside();
    }

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    /** A 200 that serves bytes from outside the store (the canary next to it, /etc/passwd) is an escape. */
    static String neverOutsideContent(FuzzRequest q, RawHttp.Response r) {
        String body = r.bodyText();
        if (r.status() < 300 && (body.contains("must stay unchanged") || body.contains("root:x:0:0"))) {
            return "served a file from outside the store";
        }
        return null;
    }

    static FuzzRequest request(HostileInputs in, List<String> seededPaths) {
        String seededPath = in.pick(seededPaths);
        switch (in.nextInt(12)) {
            case 0:
            case 1: { // reads of hostile paths, anonymous or not
                String target = in.chance(50) ? in.path(in.pick("", DIR, "/falcoctl")) : in.mutatePath(seededPath);
                return withReadHeaders(in, FuzzRequest.of(in.pick("GET", "HEAD"), slash(target)))
                        .label("read of a hostile path");
            }
            case 2:
            case 3: // reads of a real file with hostile Range / conditional headers
                return withReadHeaders(in, FuzzRequest.of(in.pick("GET", "HEAD", "GET"), seededPath))
                        .label("read of a seeded file with hostile headers");
            case 4:
            case 5: { // admin writes of hostile paths: nothing may land outside the store
                FuzzRequest put = FuzzRequest.of("PUT", slash(in.path(in.pick("", DIR + "/w", "/falcoctl"))))
                        .header("Authorization", in.authorization(ADMIN))
                        .header("Content-Type", in.mediaType())
                        .body(in.bytes(in.pick(0, 1, 100, 5000)));
                if (in.chance(40)) {
                    String[] h = in.uploadDigestHeader();
                    put = put.header(h[0], h[1]);
                }
                return (in.chance(30) ? in.badFraming(put) : put).label("write of a hostile path");
            }
            case 6: { // bad writes over a seeded file: a wrong digest or a body that never arrives
                String target = in.chance(50) ? seededPath : in.mutatePath(seededPath);
                FuzzRequest put = FuzzRequest.of("PUT", slash(target))
                        .header("Authorization", ADMIN)
                        .body(in.bytes(100 + in.nextInt(2000)));
                if (in.chance(50)) {
                    return put.header("X-Checksum-Sha256", in.hex(32)).label("overwrite with a wrong digest");
                }
                return put.header("Content-Length", in.pick("99999999999999999", "9223372036854775807", "100000000"))
                        .rawFraming(true)
                        .label("overwrite whose body never arrives");
            }
            case 7: // writes and deletes without the credential
                return FuzzRequest.of(in.pick("PUT", "DELETE"), in.chance(50) ? seededPath : in.mutatePath(seededPath))
                        .header("Authorization", in.authorization(null))
                        .body(in.bytes(10))
                        .label("write without the credential");
            case 8: // admin deletes of hostile paths (never the seeded files themselves)
                return FuzzRequest.of("DELETE", slash(in.path(in.pick("", "/w", "/falcoctl/x"))))
                        .header("Authorization", ADMIN)
                        .label("delete of a hostile path");
            case 9: // odd methods and request targets
                return FuzzRequest.of(
                                in.pick("OPTIONS", "TRACE", "PATCH", "POST", "PROPFIND", "get", "MKCOL", "CONNECT"),
                                in.pick(seededPath, slash(in.path("")), "*"))
                        .header("Authorization", in.authorization(ADMIN))
                        .body(in.bytes(in.pick(0, 10)))
                        .label("odd method");
            case 10: { // absolute-form and broken request targets: several name a seeded file, so an admin write
                // there would be a legitimate overwrite; writes go without the credential, reads with it
                String method = in.pick("GET", "PUT", "DELETE");
                return FuzzRequest.of(
                                method,
                                in.pick(
                                        "http://127.0.0.1/../../etc/passwd",
                                        "http://evil.example" + seededPath,
                                        "../" + seededPath.substring(1),
                                        seededPath.substring(1),
                                        "//" + seededPath,
                                        seededPath + "?" + in.query("a", "b"),
                                        seededPath + "#frag",
                                        "/%2e%2e/%2e%2e/etc/passwd",
                                        "/..%2f..%2fetc%2fpasswd"))
                        .header("Authorization", method.equals("GET") ? ADMIN : in.authorization(null))
                        .asHttpLevel()
                        .label("odd request target");
            }
            default: { // checksum files and listings with hostile Accept headers
                String target = in.pick(
                        seededPath + ".sha512", seededPath + ".sha256", DIR + "/", DIR + "/8.1.0%2Bdriver/", "/");
                return FuzzRequest.of(in.pick("GET", "HEAD"), target)
                        .header(
                                "Accept",
                                in.pick(
                                        "application/json",
                                        "text/html",
                                        "*/*",
                                        "",
                                        "application/x;q=abc",
                                        "text/html;q=0, application/json;q=-1"))
                        .label("checksum or listing");
            }
        }
    }

    static FuzzRequest withReadHeaders(HostileInputs in, FuzzRequest r) {
        if (in.chance(50)) {
            r = r.header("Range", in.rangeHeader());
        }
        if (in.chance(30)) {
            r = r.header("If-None-Match", in.etagHeader());
        }
        if (in.chance(30)) {
            r = r.header("If-Modified-Since", in.dateHeader());
        }
        if (in.chance(20)) {
            r = r.header("If-Range", in.chance(50) ? in.etagHeader() : in.dateHeader());
        }
        if (in.chance(30)) {
            r = r.header("Authorization", in.authorization(ADMIN));
        }
        return r;
    }

    static String slash(String p) {
        return p.startsWith("/") ? p : "/" + p;
    }
}
