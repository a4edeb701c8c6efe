package io.airlock.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlock.cli.CliException;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifests;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OCI distribution client over java.net.http: the ping, Basic or the Bearer token flow, manifests and blobs
 * pulled to files with their digests checked while streaming, and the push API (blob HEAD first, POST then a
 * monolithic PUT with the digest, the manifest PUT last). Bodies are streamed, never held.
 */
public final class OciClient {
    private static final String ACCEPT = String.join(
            ", ",
            MediaTypes.OCI_MANIFEST,
            MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST);
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final URI base;
    private final String user;
    private final String password;
    private final Map<String, String> tokens = new HashMap<>();
    private Challenge challenge;

    private record Challenge(String scheme, String realm, String service) {}

    /** A manifest as pulled: its exact bytes, media type and digest. */
    public record Pulled(byte[] bytes, String mediaType, Digest digest) {}

    public OciClient(String baseUrl, String user, String password) {
        this.base = Http.base(baseUrl);
        this.user = user;
        this.password = password;
    }

    public URI base() {
        return base;
    }

    /** {@code host[:port]} as registry references spell it. */
    public String host() {
        return base.getAuthority();
    }

    public Pulled manifest(String repo, String reference) throws IOException {
        URI uri = uri(repo, "/manifests/" + reference);
        HttpResponse<InputStream> r = get(repo, false, uri, ACCEPT);
        if (r.statusCode() != 200) {
            throw failure(r, "GET manifest " + repo + ":" + reference);
        }
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes(Manifests.MAX_SIZE + 1);
        }
        if (bytes.length > Manifests.MAX_SIZE) {
            throw CliException.remote(
                    "manifest " + repo + ":" + reference + " at " + base + " is larger than 4 MiB", null);
        }
        Digest digest = Digest.sha256(bytes);
        if (reference.contains(":") && !reference.equals(digest.toString())) {
            throw CliException.remote(
                    "registry " + base + " sent manifest " + digest + " for " + repo + "@" + reference,
                    "The upstream is inconsistent: retry later");
        }
        String mediaType =
                MediaTypes.essence(r.headers().firstValue("Content-Type").orElse(null));
        JsonNode field = OciJson.MAPPER.readTree(bytes).get("mediaType");
        if (field != null && field.isTextual()) {
            mediaType = field.textValue();
        }
        return new Pulled(bytes, mediaType, digest);
    }

    /** The digest the tag points at, or empty when the registry has no such manifest. */
    public Optional<Digest> manifestDigest(String repo, String tag) throws IOException {
        URI uri = uri(repo, "/manifests/" + tag);
        HttpResponse<InputStream> r = request(repo, false, "HEAD", uri, ACCEPT);
        Http.discard(r);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw failure(r, "HEAD manifest " + repo + ":" + tag);
        }
        Optional<String> d = r.headers().firstValue("Docker-Content-Digest");
        if (d.isPresent()) {
            return Optional.of(Digest.parse(d.get()));
        }
        return Optional.of(manifest(repo, tag).digest());
    }

    /** Downloads a blob into {@code file}, checking size and digest while streaming; a file already there is kept. */
    public void blobToFile(String repo, Digest digest, long size, Path file, String label) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            return; // written only after its digest was checked: a previous, interrupted create fetched it
        }
        HttpResponse<InputStream> r = blob(repo, digest);
        if (r.statusCode() != 200) {
            throw failure(r, "GET blob " + repo + "@" + digest);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        MessageDigest md = digest.newMessageDigest();
        long n;
        try (InputStream in = Progress.track(label, size, r.body(), false);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
            n = in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (n != size || !actual.equals(digest.hex())) {
            Files.deleteIfExists(tmp);
            throw CliException.remote(
                    "blob " + repo + "@" + digest + " from " + base + " arrived with " + n + " bytes and sha256:"
                            + actual + " (expected " + size + " bytes)",
                    "The upstream sent damaged content: run the same command again");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * GET of a blob, following redirects (to blob storage, a CDN) by hand: the registry's Authorization header goes
     * only to the registry's own host, never to the host a redirect names (presigned URLs carry their own grant).
     */
    private HttpResponse<InputStream> blob(String repo, Digest digest) throws IOException {
        URI uri = uri(repo, "/blobs/" + digest);
        HttpResponse<InputStream> r = request(repo, false, "GET", uri, "*/*", Http.NO_REDIRECTS);
        for (int hops = 0; hops < 10 && isRedirect(r.statusCode()); hops++) {
            Optional<String> location = r.headers().firstValue("Location");
            if (location.isEmpty()) {
                return r;
            }
            Http.discard(r);
            uri = uri.resolve(location.get());
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
            if (base.getAuthority().equalsIgnoreCase(uri.getAuthority())
                    && base.getScheme().equalsIgnoreCase(uri.getScheme())) {
                authorize(b, repo, false);
            }
            try {
                r = Http.sendIdempotent(Http.NO_REDIRECTS, b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw Http.unreachable("blob storage", uri, e);
            }
        }
        return r;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Cross-repository mount: links a blob that {@code from} holds into {@code repo} without sending it again. False
     * when the registry did not mount it (it opened an upload instead, which is cancelled here).
     */
    public boolean mountBlob(String repo, Digest digest, String from) throws IOException {
        URI uri = uri(
                repo,
                "/blobs/uploads/?mount=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8) + "&from="
                        + URLEncoder.encode(from, StandardCharsets.UTF_8));
        HttpResponse<InputStream> r = request(repo, true, "POST", uri, null);
        Http.discard(r);
        if (r.statusCode() == 201) {
            return true;
        }
        if (r.statusCode() == 202) {
            Optional<String> location = r.headers().firstValue("Location");
            if (location.isPresent()) {
                HttpRequest.Builder b =
                        HttpRequest.newBuilder(base.resolve(location.get())).DELETE();
                authorize(b, repo, true);
                Http.discard(Http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
            }
            return false;
        }
        throw failure(r, "POST blob mount of " + digest + " from " + from + " into " + repo);
    }

    public boolean blobExists(String repo, Digest digest) throws IOException {
        HttpResponse<InputStream> r = request(repo, true, "HEAD", uri(repo, "/blobs/" + digest), null);
        Http.discard(r);
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw failure(r, "HEAD blob " + repo + "@" + digest);
    }

    /**
     * Uploads a blob: POST opens a session, one PUT with {@code ?digest=} streams the content and completes it. The
     * registry checks the digest, so a damaged stream stores nothing.
     */
    public void pushBlob(String repo, Digest digest, long size, InputStream content, String label) throws IOException {
        HttpResponse<InputStream> open = request(repo, true, "POST", uri(repo, "/blobs/uploads/"), null);
        Http.discard(open);
        if (open.statusCode() != 202) {
            throw failure(open, "POST blob upload to " + repo);
        }
        String location = open.headers()
                .firstValue("Location")
                .orElseThrow(() ->
                        CliException.remote("registry " + base + " opened an upload without a Location header", null));
        URI put = base.resolve(location);
        String sep = put.getRawQuery() == null ? "?" : "&";
        put = URI.create(put + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
        InputStream tracked = Progress.track(label, size, new NonClosing(content), true);
        HttpRequest.Builder b = HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> tracked), size));
        authorize(b, repo, true);
        HttpResponse<InputStream> r = Http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 201) {
            throw failure(r, "PUT blob " + repo + "@" + digest);
        }
        Http.discard(r);
    }

    public Digest pushManifest(String repo, String tag, byte[] bytes, String mediaType) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(repo, "/manifests/" + tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        authorize(b, repo, true);
        HttpResponse<InputStream> r = Http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 201) {
            throw failure(r, "PUT manifest " + repo + ":" + tag);
        }
        Http.discard(r);
        return Digest.sha256(bytes);
    }

    private URI uri(String repo, String rest) {
        return URI.create(base + "/v2/" + repo + rest);
    }

    private HttpResponse<InputStream> get(String repo, boolean push, URI uri, String accept) throws IOException {
        return request(repo, push, "GET", uri, accept);
    }

    private HttpResponse<InputStream> request(String repo, boolean push, String method, URI uri, String accept)
            throws IOException {
        return request(repo, push, method, uri, accept, Http.CLIENT);
    }

    private HttpResponse<InputStream> request(
            String repo, boolean push, String method, URI uri, String accept, java.net.http.HttpClient client)
            throws IOException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
            if (accept != null) {
                b.header("Accept", accept);
            }
            authorize(b, repo, push);
            HttpResponse<InputStream> r;
            try {
                r = "POST".equals(method)
                        ? Http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                        : Http.sendIdempotent(client, b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw Http.unreachable("registry", uri, e);
            }
            if (r.statusCode() == 401 && attempt == 0) {
                Http.discard(r);
                synchronized (this) {
                    tokens.clear(); // expired token: fetch a fresh one once
                }
                continue;
            }
            return r;
        }
    }

    private synchronized void authorize(HttpRequest.Builder b, String repo, boolean push) throws IOException {
        if (challenge == null) {
            challenge = ping();
        }
        switch (challenge.scheme()) {
            case "basic":
                if (user != null) {
                    b.header("Authorization", Http.basic(user, password));
                }
                break;
            case "bearer":
                String scope = "repository:" + repo + (push ? ":pull,push" : ":pull");
                String token = tokens.get(scope);
                if (token == null) {
                    token = token(scope);
                    tokens.put(scope, token);
                }
                b.header("Authorization", "Bearer " + token);
                break;
            default:
                break;
        }
    }

    private Challenge ping() throws IOException {
        URI uri = URI.create(base + "/v2/");
        HttpResponse<InputStream> r;
        try {
            r = Http.sendIdempotent(
                    HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw Http.unreachable("registry", uri, e);
        }
        Http.discard(r);
        if (r.statusCode() == 200) {
            return new Challenge("none", null, null);
        }
        if (r.statusCode() != 401) {
            throw failure(r, "GET /v2/ (is this an OCI registry?)");
        }
        String header = r.headers().firstValue("WWW-Authenticate").orElse("");
        String scheme = header.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        if ("bearer".equals(scheme)) {
            Map<String, String> params = new HashMap<>();
            Matcher m = PARAM.matcher(header);
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
            return new Challenge("bearer", params.get("realm"), params.get("service"));
        }
        return new Challenge("basic", null, null);
    }

    private String token(String scope) throws IOException {
        StringBuilder q = new StringBuilder(challenge.realm());
        q.append(challenge.realm().contains("?") ? '&' : '?');
        if (challenge.service() != null) {
            q.append("service=")
                    .append(URLEncoder.encode(challenge.service(), StandardCharsets.UTF_8))
                    .append('&');
        }
        q.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI uri = URI.create(q.toString());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (user != null) {
            b.header("Authorization", Http.basic(user, password));
        }
        HttpResponse<String> r;
        try {
            r = Http.sendIdempotent(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw Http.unreachable("token endpoint", uri, e);
        }
        if (r.statusCode() != 200) {
            throw CliException.remote(
                    "token endpoint " + uri.getHost() + " refused " + scope + " with " + r.statusCode() + ": "
                            + Http.snippet(r),
                    r.statusCode() == 401 ? "Check --user and --password" : "Check the registry URL");
        }
        JsonNode json = OciJson.MAPPER.readTree(r.body());
        JsonNode t = json.hasNonNull("token") ? json.get("token") : json.get("access_token");
        if (t == null || !t.isTextual()) {
            throw CliException.remote("token endpoint " + uri.getHost() + " answered no token", null);
        }
        return t.textValue();
    }

    private CliException failure(HttpResponse<?> r, String what) {
        int s = r.statusCode();
        String next;
        if (s == 401 || s == 403) {
            next = "Check --user and --password (writes need the admin credential)";
        } else if (s == 404) {
            next = "Check the repository and tag in the spec";
        } else if (s >= 500) {
            next = "The registry failed: check its log, then run the same command again (it resumes)";
        } else {
            next = "Check the registry URL";
        }
        return CliException.remote(
                "registry " + base + " answered " + s + " to " + what + ": " + Http.snippet(r), next);
    }

    /** Lets HttpClient close its body stream without closing the bundle under it. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
