package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.model.FreshnessReport;
import io.airlock.catalog.service.FreshnessService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/freshness")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "freshness")
public class FreshnessResource {
    @Inject
    FreshnessService freshness;

    @Inject
    Guard guard;

    @GET
    @Operation(summary = "Freshness of every artifact's newest version, stale first, with the reason")
    public FreshnessReport report() {
        guard.read();
        return freshness.report();
    }
}
