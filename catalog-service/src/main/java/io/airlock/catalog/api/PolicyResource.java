package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.model.PolicyRequest;
import io.airlock.catalog.model.PolicyView;
import io.airlock.catalog.service.PolicyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class PolicyResource {
    @Inject
    PolicyService policies;

    @Inject
    Guard guard;

    @GET
    @Operation(summary = "Every policy: one per kind, and those of single artifacts")
    public List<PolicyView> list() {
        guard.read();
        return policies.list();
    }

    @PUT
    @Path("kinds/{kind}")
    @Operation(
            summary = "Set the policy of a whole kind, e.g. {\"maxAge\": \"PT24H\", \"basis\": \"after-valid-until\"}")
    public PolicyView setForKind(@PathParam("kind") String kind, PolicyRequest request) {
        guard.write();
        return policies.setForKind(kind, request);
    }
}
