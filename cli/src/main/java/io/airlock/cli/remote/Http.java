package io.airlock.cli.remote;

import io.airlock.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The one HTTP client of the tool (java.net.http, HTTP/1.1, redirects followed) and its small helpers. */
public final class Http {
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    /**
     * For blob downloads whose redirects the caller follows itself: the Authorization header of a registry must not
     * travel to the blob storage host it redirects to.
     */
    public static final HttpClient NO_REDIRECTS = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    private Http() {}

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A base URL without a trailing slash; a bare host gets {@code https://}. */
    public static URI base(String url) {
        String u = url.strip();
        if (!u.contains("://")) {
            u = "https://" + u;
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return URI.create(u);
    }

    /** Percent-encodes each segment of a decoded path ({@code 8.1.0+driver/x} becomes {@code 8.1.0%2Bdriver/x}). */
    public static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    /** Sends with up to three attempts when the connection fails or the server answers 429/5xx (idempotent only). */
    public static <T> HttpResponse<T> sendIdempotent(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        return sendIdempotent(CLIENT, request, handler);
    }

    /** As {@link #sendIdempotent(HttpRequest, HttpResponse.BodyHandler)} with another client. */
    public static <T> HttpResponse<T> sendIdempotent(
            HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<T> r = client.send(request, handler);
                if ((r.statusCode() == 429 || r.statusCode() >= 500) && attempt < 3) {
                    discard(r);
                    sleep(attempt);
                    continue;
                }
                return r;
            } catch (IOException e) {
                last = e;
                sleep(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw last;
    }

    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return CLIENT.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Reads and drops an unwanted response body so the connection can be reused. */
    /**
     * Streams {@code size} bytes of {@code content} by PUT with their sha256 in {@code X-Checksum-Sha256} (the server
     * publishes only a whole, matching body), showing progress as {@code label}. {@code content} is left open.
     */
    public static HttpResponse<String> putChecked(
            URI uri, String sha256, long size, InputStream content, String label, String authorization)
            throws IOException {
        InputStream tracked = Progress.track(
                label,
                size,
                new java.io.FilterInputStream(content) {
                    @Override
                    public void close() {}
                },
                true);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("X-Checksum-Sha256", sha256)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> tracked), size));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void discard(HttpResponse<?> r) {
        if (r.body() instanceof InputStream) {
            try (InputStream in = (InputStream) r.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** The start of an error body, for messages. */
    public static String snippet(HttpResponse<?> r) {
        Object body = r.body();
        String text = "";
        if (body instanceof InputStream) {
            try (InputStream in = (InputStream) body) {
                text = new String(in.readNBytes(300), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
        } else if (body instanceof String) {
            text = (String) body;
        } else if (body instanceof byte[]) {
            text = new String((byte[]) body, StandardCharsets.UTF_8);
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    public static CliException unreachable(String what, URI uri, IOException e) {
        return CliException.remote(
                "cannot reach " + what + " at " + uri + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()),
                "Check the URL and that the service runs, then run the same command again");
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
