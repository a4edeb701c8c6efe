package io.airlock.cli.remote;

import io.airlock.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * falco-index-service's driver ingest as the importer uses it: {@code PUT /api/v1/drivers/<version>/<arch>/<file>}
 * with the sha256. The service checks the loader's naming rules and the ELF header before it stores a byte, and
 * publishes into the file server's tree, where the file server serves it (so presence is read from the file server).
 */
public final class FalcoIndexClient {
    private final URI base;
    private final String authorization;

    public FalcoIndexClient(String baseUrl, String user, String password) {
        this.base = Http.base(baseUrl);
        this.authorization = user == null ? null : Http.basic(user, password);
    }

    public URI base() {
        return base;
    }

    /** The ingest URL of a driver; {@code path} is decoded ({@code 8.1.0+driver/x86_64/falco_....ko}). */
    public URI driverUrl(String path) {
        return URI.create(base + "/api/v1/drivers/" + Http.encodePath(path));
    }

    /** Streams a driver to the validating API; a refusal (400) stores nothing and names why. */
    public void putDriver(String path, String sha256, long size, InputStream content, String label) throws IOException {
        URI uri = driverUrl(path);
        HttpResponse<String> r;
        try {
            r = Http.putChecked(uri, sha256, size, content, label, authorization);
        } catch (IOException e) {
            throw Http.unreachable("falco-index-service", uri, e);
        }
        if (r.statusCode() == 201 || r.statusCode() == 200) {
            return;
        }
        String next;
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            next = "Check --user and --password (writes need the admin credential)";
        } else if (r.statusCode() == 400) {
            next = "The driver is not one the Falco loader can use: refuse this bundle or recreate it without it";
        } else {
            next = "Check falco-index-service's log, then run the same command again (it resumes)";
        }
        throw CliException.remote(
                "falco-index-service answered " + r.statusCode() + " to PUT " + uri + ": " + detail(r), next);
    }

    /** The problem's detail when the body is RFC 9457 JSON, else the start of the body. */
    private static String detail(HttpResponse<String> r) {
        try {
            var json = io.airlock.oci.OciJson.MAPPER.readTree(r.body());
            if (json != null && json.hasNonNull("detail")) {
                return json.get("detail").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON
        }
        return Http.snippet(r);
    }
}
