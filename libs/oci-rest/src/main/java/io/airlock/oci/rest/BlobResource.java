package io.airlock.oci.rest;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.WindowedCopy;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.PathPart;

/**
 * {@code /v2/<name>/blobs/<digest>}: GET (with a single byte Range), HEAD and DELETE, each answer with exact length,
 * digest and ETag. Bytes stream from the store; on a local disk the kernel sends the file (zero copy).
 */
@Path("/v2/{name: .+}/blobs")
public class BlobResource {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    @Inject
    RegistryOperations registry;

    @HEAD
    @Path("{digest}")
    public Response head(@PathParam("name") String name, @PathParam("digest") String digest) throws IOException {
        BlobInfo blob = registry.blob(name, digest);
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
            @PathParam("digest") String digest,
            @HeaderParam("Range") String range,
            @Context HttpServerResponse response)
            throws IOException {
        BlobInfo blob = registry.blob(name, digest);
        long offset = 0;
        long length = blob.size();
        Response.ResponseBuilder r = Response.ok();
        if (range != null && !range.isBlank()) {
            long[] span = span(range.strip(), blob.size());
            offset = span[0];
            length = span[1] - span[0] + 1;
            r = Response.status(206).header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + blob.size());
        }
        r.header("Docker-Content-Digest", digest)
                .header("ETag", etag(digest))
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", length)
                .type("application/octet-stream");
        Optional<java.nio.file.Path> file = registry.core().localFile(blob);
        if (file.isPresent()) {
            return r.entity(new PathPart(file.get(), offset, length)).build();
        }
        long from = offset;
        long count = length;
        // Streamed with memory bounded per download however slowly the client reads (WindowedCopy says why).
        StreamingOutput stream = out -> {
            try (InputStream in = registry.core().open(blob, from, count)) {
                WindowedCopy.copy(in, out, response);
            }
        };
        return r.entity(stream).build();
    }

    @DELETE
    @Path("{digest}")
    public Response delete(@PathParam("name") String name, @PathParam("digest") String digest) throws IOException {
        registry.deleteBlob(name, digest);
        return Response.accepted().build();
    }

    /** A blob's content never changes: its digest is its entity tag. */
    private static String etag(String digest) {
        return "\"" + digest + "\"";
    }

    /** {first, last} of a single {@code bytes=} range; 416 when it cannot be served. */
    public static long[] span(String header, long size) {
        Matcher m = RANGE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw unsatisfiable(header, size);
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last N bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new long[] {Math.max(0, size - n), size - 1};
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || last < first) {
                throw unsatisfiable(header, size);
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            throw unsatisfiable(header, size);
        }
    }

    private static OciException unsatisfiable(String header, long size) {
        return new OciException(
                OciError.SIZE_INVALID, "range " + header + " cannot be served from " + size + " bytes", 416);
    }
}
