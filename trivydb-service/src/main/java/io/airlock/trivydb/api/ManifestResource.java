package io.airlock.trivydb.api;

import io.airlock.oci.StoredManifest;
import io.airlock.trivydb.registry.RegistryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /v2/<name>/manifests/<reference>}: GET and HEAD by tag or digest (with Docker-Content-Digest, Content-Type
 * and Content-Length), PUT and DELETE.
 */
@Path("/v2/{name: .+}/manifests")
public class ManifestResource {

    @Inject
    RegistryService service;

    @HEAD
    @Path("{reference}")
    public Response head(@PathParam("name") String name, @PathParam("reference") String reference) throws IOException {
        StoredManifest m = service.manifest(name, reference);
        return Response.ok()
                .header("Content-Type", m.mediaType())
                .header("Content-Length", m.size())
                .header("Docker-Content-Digest", m.digest().toString())
                .build();
    }

    @GET
    @Path("{reference}")
    public Response get(@PathParam("name") String name, @PathParam("reference") String reference) throws IOException {
        StoredManifest m = service.manifest(name, reference);
        byte[] body; // at most 4 MiB, by construction
        try (InputStream in = service.core().open(m.blob(), 0, m.size())) {
            body = in.readAllBytes();
        }
        return Response.ok(body)
                .header("Content-Type", m.mediaType())
                .header("Docker-Content-Digest", m.digest().toString())
                .build();
    }

    @PUT
    @Path("{reference}")
    public Response put(
            @PathParam("name") String name,
            @PathParam("reference") String reference,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") String contentLength,
            InputStream body)
            throws IOException {
        RegistryService.PushedManifest pushed =
                service.putManifest(name, reference, contentType, body, Lengths.parse(contentLength));
        Response.ResponseBuilder r = Response.status(201)
                .header(
                        "Location",
                        "/v2/" + name + "/manifests/" + pushed.manifest().digest())
                .header("Docker-Content-Digest", pushed.manifest().digest().toString());
        pushed.subject().ifPresent(s -> r.header("OCI-Subject", s.toString()));
        return r.build();
    }

    @DELETE
    @Path("{reference}")
    public Response delete(@PathParam("name") String name, @PathParam("reference") String reference)
            throws IOException {
        service.deleteManifest(name, reference);
        return Response.accepted().build();
    }
}
