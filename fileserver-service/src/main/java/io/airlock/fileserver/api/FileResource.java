package io.airlock.fileserver.api;

import io.airlock.auth.Guard;
import io.airlock.fileserver.files.BadRequestException;
import io.airlock.fileserver.files.Conditions;
import io.airlock.fileserver.files.Download;
import io.airlock.fileserver.files.FileService;
import io.airlock.fileserver.files.RequestPath;
import io.airlock.fileserver.files.UploadDigest;
import io.airlock.fileserver.metrics.FileMetrics;
import io.airlock.storage.WindowedCopy;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.PathPart;

/**
 * HTTP for every file path: GET/HEAD (downloads, checksum files, directory listings), PUT and DELETE. Paths are taken
 * raw from the request and decoded once by {@link RequestPath}; the rules live in {@link FileService}.
 */
@Path("/")
public class FileResource {
    /**
     * Every path, including one whose escapes decode to a line break ({@code %0a}): a plain {@code .*} stops at it,
     * and the request would fall through to the framework's HTML 404 instead of {@link RequestPath}'s 400.
     */
    static final String ANY_PATH = "{path: (?s).*}";

    @Inject
    FileService files;

    @Inject
    Guard guard;

    @Inject
    FileMetrics metrics;

    @Inject
    Listings listings;

    @GET
    @Path(FileResource.ANY_PATH)
    public Response get(@Context HttpServerRequest request, @Context HttpHeaders headers) throws IOException {
        return read(request, headers, true);
    }

    @HEAD
    @Path(FileResource.ANY_PATH)
    public Response head(@Context HttpServerRequest request, @Context HttpHeaders headers) throws IOException {
        return read(request, headers, false);
    }

    private Response read(HttpServerRequest request, HttpHeaders headers, boolean withBody) throws IOException {
        RequestPath path = RequestPath.parse(request.path());
        guard.read();
        if (path.directory()) {
            return listings.render(path, headers, withBody);
        }
        Download d = files.download(path.key(), conditions(headers));
        if (d instanceof Download.Content c) {
            return content(c, withBody, request.response());
        }
        if (d instanceof Download.NotModified nm) {
            metrics.download("not_modified");
            return Response.notModified()
                    .header("ETag", Conditions.etag(nm.info()))
                    .lastModified(Date.from(nm.info().lastModified()))
                    .build();
        }
        if (d instanceof Download.Unsatisfiable u) {
            metrics.download("unsatisfiable");
            return Response.fromResponse(PlainText.response(416, "Range Not Satisfiable", withBody))
                    .header("Content-Range", "bytes */" + u.info().size())
                    .header("Accept-Ranges", "bytes")
                    .build();
        }
        if (d instanceof Download.Generated g) {
            metrics.download("checksum");
            return Response.ok(withBody ? g.text() : null)
                    .type(g.contentType())
                    .header("Content-Length", g.text().length())
                    .header("ETag", g.etag())
                    .lastModified(Date.from(g.source().lastModified()))
                    .build();
        }
        return notFound(path, withBody);
    }

    private Response content(Download.Content c, boolean withBody, HttpServerResponse response) {
        long length = c.length();
        Response.ResponseBuilder r = Response.status(c.range().isPresent() ? 206 : 200)
                .type(c.contentType())
                .header("Accept-Ranges", "bytes")
                .header("ETag", Conditions.etag(c.info()))
                .lastModified(Date.from(c.info().lastModified()))
                .header("Content-Length", length);
        c.range()
                .ifPresent(range ->
                        r.header("Content-Range", range.contentRange(c.info().size())));
        metrics.download(c.range().isPresent() ? "partial" : "ok");
        if (!withBody) {
            return r.build();
        }
        metrics.sent(length);
        Download.Body body = files.body(c);
        if (body instanceof Download.LocalFile f) {
            return r.entity(new PathPart(f.path(), c.offset(), length)).build();
        }
        Download.Opener opener = ((Download.Streamed) body).opener();
        StreamingOutput stream = out -> {
            try (InputStream in = opener.open()) {
                WindowedCopy.copy(in, out, response); // memory per download bounded however slow the client
            }
        };
        return r.entity(stream).build();
    }

    @PUT
    @Path(FileResource.ANY_PATH)
    @Consumes(MediaType.WILDCARD)
    public Response put(@Context HttpServerRequest request, @Context HttpHeaders headers, InputStream body)
            throws IOException {
        RequestPath path = RequestPath.parse(request.path());
        guard.write();
        if (path.directory()) {
            throw new BadRequestException("cannot PUT a directory; name a file");
        }
        Optional<String> sha256 = UploadDigest.sha256Hex(
                header(headers, "X-Checksum-Sha256"), header(headers, "Digest"), header(headers, "Content-Digest"));
        OptionalLong length = header(headers, HttpHeaders.CONTENT_LENGTH)
                .map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                .orElse(OptionalLong.empty());
        FileService.Stored stored = files.upload(path.key(), body, length, sha256);
        metrics.received(stored.info().size());
        return Response.status(stored.created() ? 201 : 200)
                .location(URI.create(path.urlPath()))
                .header("ETag", Conditions.etag(stored.info()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(FileView.of(path.urlPath(), stored.info()))
                .build();
    }

    @DELETE
    @Path(FileResource.ANY_PATH)
    public Response delete(@Context HttpServerRequest request) throws IOException {
        RequestPath path = RequestPath.parse(request.path());
        guard.write();
        if (path.directory()) {
            throw new BadRequestException("cannot DELETE a directory; delete its files");
        }
        return files.delete(path.key()) ? Response.noContent().build() : notFound(path, true);
    }

    private static Conditions conditions(HttpHeaders h) {
        return new Conditions(
                header(h, HttpHeaders.IF_NONE_MATCH),
                header(h, HttpHeaders.IF_MODIFIED_SINCE),
                header(h, "Range"),
                header(h, "If-Range"));
    }

    private static Optional<String> header(HttpHeaders h, String name) {
        return Optional.ofNullable(h.getHeaderString(name));
    }

    Response notFound(RequestPath path, boolean withBody) {
        metrics.download("not_found");
        return PlainText.response(404, "Not Found: " + path.urlPath(), withBody);
    }
}
