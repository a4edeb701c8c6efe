package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.domain.VersionSource;
import io.airlock.catalog.model.PageView;
import io.airlock.catalog.model.RegisterVersionRequest;
import io.airlock.catalog.model.RegisteredVersion;
import io.airlock.catalog.model.VersionView;
import io.airlock.catalog.service.CatalogService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "versions")
public class VersionResource {
    /** Sent by the catalog client, so that the catalog can tell notifications from manual registrations. */
    public static final String SOURCE_HEADER = "Airlock-Source";

    @Inject
    CatalogService catalog;

    @Inject
    Guard guard;

    @GET
    @Operation(
            summary = "Search versions by kind, artifact name, digest and bundle, newest first",
            description = "Each version names the bundle that brought it across the air gap (bundle), or null")
    public PageView<VersionView> search(
            @QueryParam("kind") String kind,
            @QueryParam("name") String name,
            @QueryParam("digest") String digest,
            @QueryParam("bundle") String bundle,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        guard.read();
        return catalog.versions(kind, name, digest, bundle, page, size);
    }

    @POST
    @Operation(
            summary = "Register a published version",
            description = "201 when new, 200 when this digest was already registered (idempotent)")
    public Response register(RegisterVersionRequest request, @HeaderParam(SOURCE_HEADER) String sourceHeader) {
        guard.write();
        VersionSource source = "notification".equals(sourceHeader) ? VersionSource.NOTIFICATION : VersionSource.API;
        RegisteredVersion result = catalog.register(request, source);
        if (result.created()) {
            return Response.created(
                            URI.create("/api/v1/artifacts/" + result.version().artifactId()))
                    .entity(result)
                    .build();
        }
        return Response.ok(result).build();
    }
}
