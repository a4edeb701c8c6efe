package io.airlock.oci.rest;

import io.airlock.oci.Digest;
import io.airlock.oci.RepositoryName;
import io.airlock.oci.UploadStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /v2/<name>/blobs/uploads/}: start (optionally monolithic with {@code ?digest=}, or a cross-repository
 * {@code ?mount=&from=}), then per session status (GET), chunks (PATCH), completion (PUT) and cancellation (DELETE).
 */
@Path("/v2/{name: .+}/blobs/uploads")
@Consumes(MediaType.WILDCARD)
public class UploadResource {

    @Inject
    RegistryOperations registry;

    @POST
    public Response start(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @QueryParam("digest") String digest,
            @QueryParam("mount") String mount,
            @QueryParam("from") String from,
            @HeaderParam("Content-Length") String contentLength,
            InputStream body)
            throws IOException {
        RegistryOperations.UploadStart result =
                registry.startUpload(name, ns, digest, mount, from, body, Lengths.parse(contentLength));
        if (result instanceof RegistryOperations.UploadStart.Created c) {
            return created(registry.repository(name, ns), c.digest());
        }
        return status(Response.accepted(), ((RegistryOperations.UploadStart.Started) result).status());
    }

    @GET
    @Path("{id}")
    public Response status(@PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("id") String id)
            throws IOException {
        return status(Response.noContent(), registry.uploadStatus(name, ns, id));
    }

    @PATCH
    @Path("{id}")
    public Response patch(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @PathParam("id") String id,
            @HeaderParam("Content-Range") String contentRange,
            @HeaderParam("Content-Length") String contentLength,
            InputStream body)
            throws IOException {
        return status(
                Response.accepted(),
                registry.appendChunk(name, ns, id, contentRange, body, Lengths.parse(contentLength)));
    }

    @PUT
    @Path("{id}")
    public Response complete(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @PathParam("id") String id,
            @QueryParam("digest") String digest,
            @HeaderParam("Content-Length") String contentLength,
            InputStream body)
            throws IOException {
        Digest d = registry.completeUpload(name, ns, id, digest, body, Lengths.parse(contentLength));
        return created(registry.repository(name, ns), d);
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("id") String id)
            throws IOException {
        registry.cancelUpload(name, ns, id);
        return Response.noContent().build();
    }

    /** Locations name the repository in full (never with {@code ns}), which reaches it from any client. */
    private static Response created(RepositoryName name, Digest digest) {
        return Response.status(201)
                .header("Location", "/v2/" + name + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest.toString())
                .build();
    }

    private static Response status(Response.ResponseBuilder r, UploadStatus s) {
        return r.header("Location", s.location())
                .header("Range", s.range())
                .header("Docker-Upload-UUID", s.id())
                .build();
    }
}
