package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.model.ArtifactDetail;
import io.airlock.catalog.model.ArtifactView;
import io.airlock.catalog.model.PageView;
import io.airlock.catalog.model.PolicyRequest;
import io.airlock.catalog.model.PolicyView;
import io.airlock.catalog.model.UpstreamRequest;
import io.airlock.catalog.service.CatalogService;
import io.airlock.catalog.service.PolicyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "artifacts")
public class ArtifactResource {
    @Inject
    CatalogService catalog;

    @Inject
    PolicyService policies;

    @Inject
    Guard guard;

    @GET
    @Operation(summary = "List artifacts, optionally by kind and by a substring of the name")
    public PageView<ArtifactView> list(
            @QueryParam("kind") String kind,
            @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        guard.read();
        return catalog.list(kind, query, page, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One artifact with every version and the policy that applies to it")
    public ArtifactDetail get(@PathParam("id") long id) {
        guard.read();
        return catalog.get(id);
    }

    @PUT
    @Path("{id}/upstream")
    @Operation(summary = "Report what upstream last built (tells 'upstream late' from 'not imported')")
    public ArtifactView upstream(@PathParam("id") long id, UpstreamRequest request) {
        guard.write();
        return catalog.setUpstream(id, request);
    }

    @PUT
    @Path("{id}/policy")
    @Operation(summary = "Set this artifact's own freshness policy (overrides its kind's)")
    public PolicyView setPolicy(@PathParam("id") long id, PolicyRequest request) {
        guard.write();
        return policies.setForArtifact(id, request);
    }

    @DELETE
    @Path("{id}/policy")
    @Operation(summary = "Remove this artifact's own policy, so that its kind's applies")
    public Response deletePolicy(@PathParam("id") long id) {
        guard.write();
        policies.deleteForArtifact(id);
        return Response.noContent().build();
    }
}
