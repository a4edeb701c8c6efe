package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.service.WelkinConfigService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/config/welkin")
@Tag(name = "config")
public class WelkinConfigResource {
    @Inject
    WelkinConfigService welkin;

    @Inject
    Guard guard;

    @GET
    @Produces("application/yaml")
    @Operation(
            summary = "Welkin common-config / sc-config fragments pointing Falco, OpenSearch and Trivy at this"
                    + " installation")
    public String render() {
        guard.read();
        return welkin.render();
    }
}
