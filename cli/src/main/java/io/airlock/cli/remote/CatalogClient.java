package io.airlock.cli.remote;

import io.airlock.catalog.client.PublishedVersion;
import io.airlock.cli.CliException;
import io.airlock.oci.OciJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Registers imported versions with {@code POST /api/v1/versions} (idempotent per digest on the catalog's side). */
public final class CatalogClient {
    private final URI base;
    private final String authorization;

    public CatalogClient(String baseUrl, String user, String password) {
        this.base = Http.base(baseUrl);
        this.authorization = user == null ? null : Http.basic(user, password);
    }

    public void register(PublishedVersion version) throws IOException {
        URI uri = URI.create(base + "/api/v1/versions");
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OciJson.MAPPER.writeValueAsBytes(version)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r;
        try {
            r = Http.sendIdempotent(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw Http.unreachable("catalog", uri, e);
        }
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw CliException.remote(
                    "catalog answered " + r.statusCode() + " to registering " + version.name() + ": " + Http.snippet(r),
                    "Check --catalog and the credential, then run the same command again (what landed is kept)");
        }
    }
}
