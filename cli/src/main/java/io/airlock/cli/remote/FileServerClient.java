package io.airlock.cli.remote;

import io.airlock.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** The file server's public API as the importer uses it: HEAD for the ETag (the sha256), PUT with its checksum. */
public final class FileServerClient {
    private final URI base;
    private final String authorization;

    public FileServerClient(String baseUrl, String user, String password) {
        this.base = Http.base(baseUrl);
        this.authorization = user == null ? null : Http.basic(user, password);
    }

    /** The URL a file is served at; {@code path} is decoded ({@code 8.1.0+driver/...}). */
    public URI url(String path) {
        return URI.create(base + "/" + Http.encodePath(path));
    }

    /** The sha256 (hex) of the file at {@code path}, or empty when there is none. */
    public Optional<String> sha256(String path) throws IOException {
        URI uri = url(path);
        HttpResponse<Void> r;
        try {
            r = Http.sendIdempotent(
                    HttpRequest.newBuilder(uri)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw Http.unreachable("file server", uri, e);
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw CliException.remote(
                    "file server answered " + r.statusCode() + " to HEAD " + uri,
                    r.statusCode() == 401 ? "Check --user and --password" : "Check --fileserver");
        }
        return r.headers().firstValue("ETag").map(t -> t.replace("W/", "").replace("\"", ""));
    }

    /** Streams {@code content} to {@code path}; the server checks the sha256 and publishes only a whole file. */
    public void put(String path, String sha256, long size, InputStream content, String label) throws IOException {
        URI uri = url(path);
        HttpResponse<String> r = Http.putChecked(uri, sha256, size, content, label, authorization);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw CliException.remote(
                    "file server answered " + r.statusCode() + " to PUT " + uri + ": " + Http.snippet(r),
                    r.statusCode() == 401 || r.statusCode() == 403
                            ? "Check --user and --password (writes need the admin credential)"
                            : "Check the file server's log, then run the same command again (it resumes)");
        }
    }
}
