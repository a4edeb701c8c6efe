package io.airlock.fileserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.auth.Challenges;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.RawHttp;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file server through HTTP, as the Welkin guide's clients use it. Subclasses run it against each storage backend.
 * Every test works under its own random directory, so tests share one store without seeing each other.
 */
abstract class FileServerContractTest {
    static final String PASSWORD = "test-admin-password";

    String dir;

    @BeforeEach
    void uniqueDirectory() {
        dir = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification anon() {
        return given().urlEncodingEnabled(false);
    }

    static RequestSpecification admin() {
        return given().urlEncodingEnabled(false).auth().preemptive().basic("admin", PASSWORD);
    }

    static Response upload(String path, byte[] content) {
        Response r =
                admin().body(content).contentType("application/octet-stream").put(path);
        assertTrue(r.statusCode() == 201 || r.statusCode() == 200, "upload " + path + ": " + r.statusLine());
        return r;
    }

    static byte[] download(String path) {
        return anon().get(path).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void anUploadedPluginZipDownloadsByteForByteWithItsHeaders() {
        byte[] zip = Fixtures.opensearchPluginZip("repository-s3", "2.8.0");
        String path = "/" + dir + "/repository-s3-2.8.0.zip";
        admin().body(zip)
                .contentType("application/zip")
                .put(path)
                .then()
                .statusCode(201)
                .header("ETag", "\"" + Fixtures.sha256Hex(zip) + "\"")
                .body("sha256", equalTo(Fixtures.sha256Hex(zip)))
                .body("size", equalTo(zip.length));

        Response get =
                anon().header("User-Agent", "opensearch-plugin-installer").get(path);
        assertEquals(200, get.statusCode());
        assertArrayEquals(zip, get.asByteArray());
        assertEquals("application/zip", get.contentType());
        assertEquals(String.valueOf(zip.length), get.header("Content-Length"));
        assertEquals("\"" + Fixtures.sha256Hex(zip) + "\"", get.header("ETag"));
        assertEquals("bytes", get.header("Accept-Ranges"));
        assertTrue(get.header("Last-Modified").endsWith("GMT"));

        anon().head(path)
                .then()
                .statusCode(200)
                .header("Content-Length", String.valueOf(zip.length))
                .header("ETag", "\"" + Fixtures.sha256Hex(zip) + "\"");
    }

    @Test
    void replacingAFileAnswers200AndServesTheNewBytes() {
        String path = "/" + dir + "/index.yaml";
        admin().body("- name: one\n").put(path).then().statusCode(201);
        admin().body("- name: two\n").put(path).then().statusCode(200);
        assertEquals("- name: two\n", new String(download(path), StandardCharsets.UTF_8));
        anon().get(path).then().contentType(containsString("application/yaml"));
    }

    @Test
    void escapedPlusAndRawPlusNameTheSameDriver() {
        byte[] ko = Fixtures.elfKernelModule(50_000, 1);
        String escaped = "/" + dir + "/8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko";
        String raw = "/" + dir + "/8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko";
        upload(escaped, ko);
        assertArrayEquals(ko, download(escaped));
        assertArrayEquals(ko, download(raw));
        RawHttp.Response viaSocket = RawHttp.request(RestAssured.port, "GET", escaped.replace("%2B", "%2b"));
        assertEquals(200, viaSocket.status());
        assertArrayEquals(ko, viaSocket.body());
    }

    @Test
    void aMissingDriverIsAPlain404NeverAPage() {
        Response r = anon().get("/" + dir + "/8.1.0%2Bdriver/x86_64/falco_debian_6.1.0-99-amd64_1.ko");
        assertEquals(404, r.statusCode());
        assertTrue(r.contentType().startsWith("text/plain"));
        assertTrue(!r.asString().contains("<html"));
        anon().head("/" + dir + "/missing.zip").then().statusCode(404);
    }

    @Test
    void rangesAreServedExactly() {
        byte[] content = Fixtures.randomBytes(10_000, 2);
        String path = "/" + dir + "/blob.bin";
        upload(path, content);

        Response part = anon().header("Range", "bytes=100-199").get(path);
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 100, 200), part.asByteArray());
        assertEquals("bytes 100-199/10000", part.header("Content-Range"));
        assertEquals("100", part.header("Content-Length"));

        assertArrayEquals(
                Arrays.copyOfRange(content, 9_000, 10_000),
                anon().header("Range", "bytes=9000-")
                        .get(path)
                        .then()
                        .statusCode(206)
                        .extract()
                        .asByteArray());
        assertArrayEquals(
                Arrays.copyOfRange(content, 9_990, 10_000),
                anon().header("Range", "bytes=-10")
                        .get(path)
                        .then()
                        .statusCode(206)
                        .extract()
                        .asByteArray());
        assertArrayEquals(
                Arrays.copyOfRange(content, 9_999, 10_000),
                anon().header("Range", "bytes=9999-20000")
                        .get(path)
                        .then()
                        .statusCode(206)
                        .extract()
                        .asByteArray());

        anon().header("Range", "bytes=10000-")
                .get(path)
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */10000");
        // multi-range and malformed ranges: the whole file, as RFC 9110 allows
        assertArrayEquals(
                content,
                anon().header("Range", "bytes=0-1,5-6")
                        .get(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertArrayEquals(
                content,
                anon().header("Range", "bytes=abc")
                        .get(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        // If-Range naming another version: whole file
        anon().header("Range", "bytes=0-9")
                .header("If-Range", "\"other\"")
                .get(path)
                .then()
                .statusCode(200);
        anon().header("Range", "bytes=0-9")
                .header("If-Range", "\"" + Fixtures.sha256Hex(content) + "\"")
                .get(path)
                .then()
                .statusCode(206);
    }

    @Test
    void conditionalRequestsAnswer304() {
        byte[] content = Fixtures.randomBytes(1000, 3);
        String path = "/" + dir + "/cached.bin";
        upload(path, content);
        String etag = "\"" + Fixtures.sha256Hex(content) + "\"";
        anon().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);
        anon().header("If-None-Match", "\"x\", " + etag).get(path).then().statusCode(304);
        anon().header("If-None-Match", "\"stale\"").get(path).then().statusCode(200);
        String lastModified = anon().get(path).header("Last-Modified");
        anon().header("If-Modified-Since", lastModified).get(path).then().statusCode(304);
        String longAgo =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        anon().header("If-Modified-Since", longAgo).get(path).then().statusCode(200);
        anon().header("If-Modified-Since", "not a date").get(path).then().statusCode(200);
    }

    @Test
    void everyFileHasSha256AndSha512ChecksumFiles() {
        byte[] zip = Fixtures.opensearchPluginZip("repository-s3", "2.19.1");
        String path = "/" + dir + "/repository-s3-2.19.1.zip";
        upload(path, zip);
        anon().get(path + ".sha512")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(equalTo(Fixtures.sha512Hex(zip) + "  repository-s3-2.19.1.zip\n"));
        anon().get(path + ".sha256")
                .then()
                .statusCode(200)
                .body(equalTo(Fixtures.sha256Hex(zip) + "  repository-s3-2.19.1.zip\n"));
        anon().head(path + ".sha512").then().statusCode(200);
        anon().get("/" + dir + "/not-there.zip.sha512").then().statusCode(404);
        // a checksum file uploaded for real wins over the generated one
        upload(path + ".sha512", "uploaded  repository-s3-2.19.1.zip\n".getBytes(StandardCharsets.UTF_8));
        anon().get(path + ".sha512").then().body(equalTo("uploaded  repository-s3-2.19.1.zip\n"));
    }

    @Test
    void aDeclaredDigestIsCheckedAndAMismatchStoresNothing() {
        byte[] v1 = Fixtures.randomBytes(5000, 4);
        byte[] v2 = Fixtures.randomBytes(5000, 5);
        String path = "/" + dir + "/checked.bin";
        admin().header("X-Checksum-Sha256", Fixtures.sha256Hex(v1))
                .body(v1)
                .put(path)
                .then()
                .statusCode(201);

        admin().header("X-Checksum-Sha256", Fixtures.sha256Hex(v1))
                .body(v2)
                .put(path)
                .then()
                .statusCode(400)
                .contentType(containsString("text/plain"))
                .body(containsString("sha256"));
        assertArrayEquals(v1, download(path));

        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Fixtures.sha256Hex(v2)));
        admin().header("Digest", "md5=abc, SHA-256=" + b64)
                .body(v2)
                .put(path)
                .then()
                .statusCode(200);
        assertArrayEquals(v2, download(path));
        admin().header("Content-Digest", "sha-256=:" + b64 + ":")
                .body(v1)
                .put(path)
                .then()
                .statusCode(400);
        admin().header("Content-Digest", "sha-256=:" + b64 + ":")
                .body(v2)
                .put(path)
                .then()
                .statusCode(200);

        admin().header("X-Checksum-Sha256", "xyz").body(v1).put(path).then().statusCode(400);
        admin().header("Digest", "sha-256=!!!").body(v1).put(path).then().statusCode(400);
        anon().get("/" + dir + "/never.bin").then().statusCode(404);
        admin().header("X-Checksum-Sha256", Fixtures.sha256Hex(v1))
                .body(v2)
                .put("/" + dir + "/never.bin")
                .then()
                .statusCode(400);
        anon().get("/" + dir + "/never.bin").then().statusCode(404);
        assertArrayEquals(v2, download(path));
    }

    @Test
    void aClientKilledMidUploadLeavesThePreviousVersionAndNothingElse() throws Exception {
        byte[] v1 = Fixtures.randomBytes(2000, 6);
        String path = "/" + dir + "/interrupted.bin";
        upload(path, v1);
        String auth =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        RawHttp.abortedUpload(RestAssured.port, path, auth, Fixtures.randomBytes(300_000, 7), 5_000_000);
        RawHttp.abortedUpload(
                RestAssured.port, "/" + dir + "/new.bin", auth, Fixtures.randomBytes(300_000, 7), 5_000_000);
        Thread.sleep(500); // the server notices the reset asynchronously
        assertArrayEquals(v1, download(path));
        anon().get("/" + dir + "/new.bin").then().statusCode(404);
        anon().header("Accept", "application/json")
                .get("/" + dir + "/")
                .then()
                .statusCode(200)
                .body("entries.name", equalTo(List.of("interrupted.bin")));
    }

    @Test
    void writesNeedTheAdminCredential() {
        String path = "/" + dir + "/secret.bin";
        Response r = anon().body(new byte[] {1}).put(path);
        assertEquals(401, r.statusCode());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
        given().urlEncodingEnabled(false)
                .auth()
                .preemptive()
                .basic("admin", "wrong")
                .body(new byte[] {1})
                .put(path)
                .then()
                .statusCode(401);
        given().urlEncodingEnabled(false)
                .auth()
                .preemptive()
                .basic("root", PASSWORD)
                .body(new byte[] {1})
                .put(path)
                .then()
                .statusCode(401);
        anon().get(path).then().statusCode(404);
        upload(path, new byte[] {1});
        anon().delete(path).then().statusCode(401);
        anon().get(path).then().statusCode(200);
    }

    @Test
    void deleteRemovesAFile() {
        String path = "/" + dir + "/gone.bin";
        upload(path, new byte[] {1, 2, 3});
        admin().delete(path).then().statusCode(204);
        anon().get(path).then().statusCode(404);
        admin().delete(path).then().statusCode(404);
        admin().delete("/" + dir + "/").then().statusCode(400);
    }

    @Test
    void directoriesListAsJsonAndAsHtml() {
        upload("/" + dir + "/falcoctl/index.yaml", "- name: falco-rules\n".getBytes(StandardCharsets.UTF_8));
        upload("/" + dir + "/a%3Cb%3E.zip", new byte[] {1, 2});
        upload("/" + dir + "/8.1.0%2Bdriver/x86_64/falco_a_1_1.ko", new byte[] {3});

        anon().header("Accept", "application/json")
                .get("/" + dir + "/")
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("path", equalTo("/" + dir + "/"))
                .body("entries.name", equalTo(List.of("8.1.0+driver", "a<b>.zip", "falcoctl")))
                .body("entries.type", equalTo(List.of("directory", "file", "directory")))
                .body("entries[0].path", equalTo("/" + dir + "/8.1.0%2Bdriver/"))
                .body("entries[1].size", equalTo(2));

        String html = anon().header("Accept", "text/html")
                .get("/" + dir + "/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertTrue(html.contains("a&lt;b&gt;.zip"), html);
        assertTrue(!html.contains("a<b>.zip"), html);
        assertTrue(html.contains("href=\"falcoctl/\""), html);

        anon().get("/" + dir + "/falcoctl/").then().statusCode(200).body(containsString("index.yaml"));
        anon().get("/" + dir + "/no-such-dir/").then().statusCode(404).contentType(containsString("text/plain"));
        anon().get("/").then().statusCode(200).body(containsString(dir));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/../etc/passwd",
                "/a/../../etc/passwd",
                "/%2e%2e/etc/passwd",
                "/%2E%2E/%2E%2E/etc/passwd",
                "/a/%2e%2e%2f%2e%2e%2fetc/passwd",
                "/..%5c..%5cetc%5cpasswd",
                "/a%5C..%5C..%5Cetc",
                "/file%00.zip",
                "/a//b.zip",
                "/bad%zzescape",
                "/trunc%2",
                "/invalid-utf8-%FF.zip",
                "/./x.zip",
                // found by FileserverFuzzTest: a decoded line break fell through to an HTML 404 page
                "/a%0ab.zip",
                "/%0d%0a/x.zip"
            })
    void pathsThatTryToEscapeAreRefusedWith400(String target) {
        for (String method : List.of("GET", "HEAD", "DELETE")) {
            RawHttp.Response r = RawHttp.request(RestAssured.port, method, target);
            assertEquals(400, r.status(), method + " " + target + ": " + r.bodyText());
        }
        RawHttp.Response put = RawHttp.exchange(
                RestAssured.port,
                ("PUT " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Basic "
                                + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())
                                + "\r\nContent-Length: 1\r\n\r\nx")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, put.status(), "PUT " + target);
    }

    @Test
    void aWrongPasswordIsAPlainText401WithTheChallenge() {
        // found by FileserverFuzzTest: the HTTP layer answered a wrong password with an empty 401
        Response r = given().urlEncodingEnabled(false)
                .auth()
                .preemptive()
                .basic("admin", "wrong")
                .body(new byte[] {1})
                .put("/" + dir + "/x.bin");
        assertEquals(401, r.statusCode());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        assertTrue(r.asString().contains("Authentication required"), r.asString());
        assertEquals("Basic realm=\"airlock\", charset=\"UTF-8\"", r.header("WWW-Authenticate"));
        anon().get("/" + dir + "/missing.zip").then().statusCode(404);
    }

    @Test
    void aWrongPasswordOnADownloadIsRefusedLikeOnAPull() {
        // the registries answered a wrong password on a pull with 401, the file server served the download anyway
        Response r = given().urlEncodingEnabled(false)
                .auth()
                .preemptive()
                .basic("admin", "wrong")
                .get("/" + dir + "/missing.zip");
        assertEquals(401, r.statusCode());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        assertEquals("Authentication required: wrong user name or password\n", r.asString());
        assertEquals(Challenges.BASIC, r.header("WWW-Authenticate"));
    }

    @Test
    void frameworkRefusalsArePlainText() {
        // found by FileserverFuzzTest: the framework's 405 and 415 came with no body at all
        RawHttp.Response trace = RawHttp.request(RestAssured.port, "TRACE", "/" + dir + "/x.zip");
        assertEquals(405, trace.status());
        assertTrue(trace.header("Content-Type").startsWith("text/plain"), String.valueOf(trace.headers()));
        assertTrue(trace.bodyText().contains("405"), trace.bodyText());
        RawHttp.Response badType = RawHttp.exchange(
                RestAssured.port,
                ("PUT /" + dir + "/x.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Basic "
                                + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())
                                + "\r\nContent-Type: /\r\nContent-Length: 1\r\n\r\nx")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(415, badType.status(), badType.bodyText());
        assertTrue(badType.header("Content-Type").startsWith("text/plain"), String.valueOf(badType.headers()));
    }

    @Test
    void overLongNamesAreRefusedWith400() {
        anon().get("/" + "n".repeat(256) + ".zip").then().statusCode(400);
        anon().get(("/" + "d".repeat(200)).repeat(6) + "/x.zip").then().statusCode(400);
        anon().get("/" + "n".repeat(250) + ".zip").then().statusCode(404);
    }

    /** The value of one sample on {@code /q/metrics} ({@code name} with its labels, as printed), 0 when absent. */
    static double metric(String sample) {
        String metrics =
                anon().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(sample + " "))
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(sample.length() + 1).strip()))
                .findFirst()
                .orElse(0);
    }

    @Test
    void theByteAndDownloadCountersCountKnownTransfersExactly() {
        String sent = "airlock_fileserver_sent_bytes_total";
        String received = "airlock_fileserver_received_bytes_total";
        String ok = "airlock_fileserver_downloads_total{outcome=\"ok\"}";
        String partial = "airlock_fileserver_downloads_total{outcome=\"partial\"}";
        String notFound = "airlock_fileserver_downloads_total{outcome=\"not_found\"}";
        double sent0 = metric(sent), received0 = metric(received), ok0 = metric(ok);
        double partial0 = metric(partial), notFound0 = metric(notFound);

        byte[] content = Fixtures.randomBytes(1000, 5);
        upload("/" + dir + "/c.bin", content);
        upload("/" + dir + "/small.bin", new byte[] {1, 2, 3});
        download("/" + dir + "/c.bin");
        download("/" + dir + "/c.bin");
        anon().header("Range", "bytes=0-99").get("/" + dir + "/c.bin").then().statusCode(206);
        anon().get("/" + dir + "/absent.bin").then().statusCode(404);

        assertEquals(1003, metric(received) - received0, "bytes received: 1000 + 3");
        assertEquals(2100, metric(sent) - sent0, "bytes sent: two whole downloads of 1000 and a range of 100");
        assertEquals(2, metric(ok) - ok0, "whole downloads");
        assertEquals(1, metric(partial) - partial0, "range downloads");
        assertEquals(1, metric(notFound) - notFound0, "downloads of a missing file");
    }

    @Test
    void healthAndMetricsAreServed() {
        upload("/" + dir + "/m.bin", new byte[] {1, 2, 3});
        download("/" + dir + "/m.bin");
        anon().get("/q/health/ready").then().statusCode(200).body("checks.name", equalTo(List.of("storage")));
        String metrics =
                anon().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("airlock_fileserver_sent_bytes_total"), "bytes served");
        assertTrue(metrics.contains("airlock_fileserver_received_bytes_total"), "bytes received");
        assertTrue(metrics.contains("airlock_fileserver_downloads_total{outcome=\"ok\"}"), "downloads");
        assertTrue(metrics.contains("http_server_requests_seconds_count"), "requests");
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{"), "latency histogram for the p99 alert");
        assertTrue(metrics.contains("le=\"5.0\""), "a bucket at the p99 alert's 5 s threshold");
        assertTrue(metrics.contains("airlock_fileserver_errors_total"), "errors");
    }

    @Test
    void aPutToADirectoryIsRefused() {
        admin().body(new byte[] {1}).put("/" + dir + "/").then().statusCode(400).body(not(containsString("<html")));
    }
}
