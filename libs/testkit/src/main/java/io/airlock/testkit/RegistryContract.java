package io.airlock.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code /v2} rules every registry service shares, run against each of them over HTTP: a service's
 * {@code @QuarkusTest} extends this class and names the admin password its tests configure. The cases are where the services' own copies of these rules
 * once disagreed (a mount without {@code from}, an upload chunk's {@code Content-Range}, a blank {@code artifactType}).
 */
public abstract class RegistryContract {
    private final HttpClient http = HttpClient.newHttpClient();

    /** The service under test (ends in {@code /}). */
    @TestHTTPResource("/")
    URI base;

    /** The password of the {@code admin} account in the service's test configuration. */
    protected abstract String adminPassword();

    private URI base() {
        return base;
    }

    private String pushAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", pushAuthorization())
                .header("Content-Type", "application/octet-stream");
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String repository() {
        return "contract/t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digest(byte[] content) {
        return "sha256:" + Fixtures.sha256Hex(content);
    }

    private String startSession(String repo) throws IOException, InterruptedException {
        HttpResponse<String> started = send("POST", "v2/" + repo + "/blobs/uploads/", new byte[0]);
        assertEquals(202, started.statusCode(), started.body());
        return started.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aMountWithoutFromOpensAnUploadSession() throws IOException, InterruptedException {
        byte[] content = Fixtures.randomBytes(500, 42);
        String from = repository();
        String to = repository();
        String d = digest(content);
        assertEquals(
                201,
                send("POST", "v2/" + from + "/blobs/uploads/?digest=" + d, content)
                        .statusCode());

        HttpResponse<String> noFrom = send("POST", "v2/" + to + "/blobs/uploads/?mount=" + d, new byte[0]);
        assertEquals(202, noFrom.statusCode(), noFrom.body());
        assertTrue(noFrom.headers().firstValue("Docker-Upload-UUID").isPresent());
        assertEquals(404, send("HEAD", "v2/" + to + "/blobs/" + d, new byte[0]).statusCode());

        HttpResponse<String> mounted =
                send("POST", "v2/" + to + "/blobs/uploads/?mount=" + d + "&from=" + from, new byte[0]);
        assertEquals(201, mounted.statusCode(), mounted.body());
        assertEquals(
                "/v2/" + to + "/blobs/" + d,
                mounted.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aChunksContentRangeIsCheckedNumbersInOrder() throws IOException, InterruptedException {
        String location = startSession(repository());
        String path = location.startsWith("/") ? location.substring(1) : location;
        for (String bad : new String[] {"10-5", "+0-+3", "0-", "bytes 0-3/x"}) {
            HttpResponse<String> refused = send("PATCH", path, new byte[4], "Content-Range", bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(refused.body().contains("BLOB_UPLOAD_INVALID"), bad + ": " + refused.body());
        }
        HttpResponse<String> accepted = send("PATCH", path, new byte[4], "Content-Range", "0-3");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("0-3", accepted.headers().firstValue("Range").orElseThrow());
    }

    @Test
    void aBlankArtifactTypeIsNoFilter() throws IOException, InterruptedException {
        String referrers = "v2/" + repository() + "/referrers/" + digest(new byte[] {1});
        HttpResponse<String> blank = send("GET", referrers + "?artifactType=", new byte[0]);
        assertEquals(200, blank.statusCode(), blank.body());
        assertFalse(blank.headers().firstValue("OCI-Filters-Applied").isPresent());
        HttpResponse<String> typed = send("GET", referrers + "?artifactType=application/vnd.example", new byte[0]);
        assertEquals(200, typed.statusCode(), typed.body());
        assertEquals(
                "artifactType",
                typed.headers().firstValue("OCI-Filters-Applied").orElseThrow());
    }
}
