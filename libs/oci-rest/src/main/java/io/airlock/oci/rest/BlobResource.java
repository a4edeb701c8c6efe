package io.airlock.oci.rest;

import io.airlock.storage.ByteRanges;
import io.airlock.storage.WindowedCopy;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.resteasy.reactive.PathPart;

/**
 * {@code /v2/<name>/blobs/<digest>}: GET (with a single byte Range), HEAD and DELETE, each answer with exact length,
 * digest and ETag. Bytes stream from the store; on a local disk the kernel sends the file (zero copy).
 */
@Path("/v2/{name: .+}/blobs")
public class BlobResource {
    @Inject
    RegistryOperations registry;

    @HEAD
    @Path("{digest}")
    public Response head(
            @PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("digest") String digest)
            throws IOException {
        Content blob = registry.blob(name, ns, digest);
        return Response.ok()
                .header("Content-Length", blob.size())
                .header("Content-Type", "application/octet-stream")
                .header("Docker-Content-Digest", digest)
                .header("ETag", etag(digest))
                .header("Accept-Ranges", "bytes")
                .build();
    }

    @GET
    @Path("{digest}")
    public Response get(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @PathParam("digest") String digest,
            @HeaderParam("Range") String range,
            @Context HttpServerResponse response)
            throws IOException {
        Content blob = registry.blob(name, ns, digest);
        Optional<ByteRanges.Span> span = Ranges.blob(range, blob.size());
        long offset = span.map(ByteRanges.Span::offset).orElse(0L);
        long length = span.map(ByteRanges.Span::length).orElse(blob.size());
        Response.ResponseBuilder r = span.isPresent()
                ? Response.status(206).header("Content-Range", span.get().contentRange(blob.size()))
                : Response.ok();
        r.header("Docker-Content-Digest", digest)
                .header("ETag", etag(digest))
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", length)
                .type("application/octet-stream");
        Optional<java.nio.file.Path> file = blob.localFile();
        if (file.isPresent()) {
            return r.entity(new PathPart(file.get(), offset, length)).build();
        }
        // Streamed with memory bounded per download however slowly the client reads (WindowedCopy says why).
        StreamingOutput stream = out -> {
            try (InputStream in = blob.open(offset, length)) {
                WindowedCopy.copy(in, out, response);
            }
        };
        return r.entity(stream).build();
    }

    @DELETE
    @Path("{digest}")
    public Response delete(
            @PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("digest") String digest)
            throws IOException {
        registry.deleteBlob(name, ns, digest);
        return Response.accepted().build();
    }

    /** A blob's content never changes: its digest is its entity tag. */
    private static String etag(String digest) {
        return "\"" + digest + "\"";
    }
}
