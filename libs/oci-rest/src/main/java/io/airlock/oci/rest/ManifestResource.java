package io.airlock.oci.rest;

import io.airlock.oci.StoredManifest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.resteasy.reactive.PathPart;

/**
 * {@code /v2/<name>/manifests/<reference>}: GET and HEAD by tag or digest with Content-Type, Content-Length and
 * Docker-Content-Digest (falcoctl's OCI library needs all three), PUT (any manifest media type; the service decides)
 * and DELETE.
 */
@Path("/v2/{name: .+}/manifests")
public class ManifestResource {

    @Inject
    RegistryOperations registry;

    @HEAD
    @Path("{reference}")
    public Response head(
            @PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("reference") String reference)
            throws IOException {
        StoredManifest m = registry.manifest(name, ns, reference).manifest();
        return Response.ok()
                .header("Content-Type", m.mediaType())
                .header("Content-Length", m.size())
                .header("Docker-Content-Digest", m.digest().toString())
                .build();
    }

    @GET
    @Path("{reference}")
    public Response get(
            @PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("reference") String reference)
            throws IOException {
        RegistryOperations.FoundManifest found = registry.manifest(name, ns, reference);
        StoredManifest m = found.manifest();
        Response.ResponseBuilder r = Response.ok()
                .header("Content-Type", m.mediaType())
                .header("Docker-Content-Digest", m.digest().toString());
        // Content-addressed, so the local file (the filesystem store's, or the object-storage cache's) is always
        // current: sent without a round trip to object storage.
        Optional<java.nio.file.Path> file = found.content().localFile();
        if (file.isPresent()) {
            return r.entity(new PathPart(file.get(), 0, m.size())).build();
        }
        byte[] body; // at most 4 MiB, by construction
        try (InputStream in = found.content().open(0, m.size())) {
            body = in.readAllBytes();
        }
        return r.entity(body).build();
    }

    @PUT
    @Path("{reference}")
    @Consumes(MediaType.WILDCARD)
    public Response put(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @PathParam("reference") String reference,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") String contentLength,
            InputStream body)
            throws IOException {
        RegistryOperations.PushedManifest pushed =
                registry.putManifest(name, ns, reference, contentType, body, Lengths.parse(contentLength));
        Response.ResponseBuilder r = Response.status(201)
                .header(
                        "Location",
                        "/v2/" + registry.repository(name, ns) + "/manifests/"
                                + pushed.manifest().digest())
                .header("Docker-Content-Digest", pushed.manifest().digest().toString());
        pushed.subject().ifPresent(s -> r.header("OCI-Subject", s.toString()));
        return r.build();
    }

    @DELETE
    @Path("{reference}")
    public Response delete(
            @PathParam("name") String name, @QueryParam("ns") String ns, @PathParam("reference") String reference)
            throws IOException {
        registry.deleteManifest(name, ns, reference);
        return Response.accepted().build();
    }
}
