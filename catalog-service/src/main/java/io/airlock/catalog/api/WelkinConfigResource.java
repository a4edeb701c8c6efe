package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.service.WelkinConfigService;
import io.airlock.catalog.service.WelkinSnippets;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Welkin configuration snippets: YAML to merge by hand, or JSON ({@code Accept: application/json}) for automation. */
@Path("/api/v1/config/welkin")
@Tag(name = "config")
public class WelkinConfigResource {
    static final MediaType YAML = MediaType.valueOf("application/yaml");

    @Inject
    WelkinConfigService welkin;

    @Inject
    Guard guard;

    @GET
    @Produces({"application/yaml", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Welkin common-config.yaml and sc-config.yaml (one per service cluster) pointing Falco, Trivy,"
                    + " Harbor and OpenSearch at this installation; driverKind=module for Welkin before v0.37")
    public Response render(@QueryParam("driverKind") String driverKind, @Context HttpHeaders headers) {
        guard.read();
        return answer(welkin.snippets(driverKind, null, null), headers);
    }

    @GET
    @Path("{file}")
    @Produces({"application/yaml", MediaType.APPLICATION_JSON})
    @Operation(summary = "One Welkin config file's snippet; cluster picks one service cluster's sc-config.yaml")
    public Response renderFile(
            @PathParam("file") String file,
            @QueryParam("cluster") String cluster,
            @QueryParam("driverKind") String driverKind,
            @Context HttpHeaders headers) {
        guard.read();
        return answer(welkin.snippets(driverKind, file, cluster), headers);
    }

    /** YAML unless the client asks for JSON before (or instead of) YAML. */
    private Response answer(WelkinSnippets snippets, HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType() || accepted.isCompatible(YAML)) {
                break;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Response.ok(snippets, MediaType.APPLICATION_JSON_TYPE).build();
            }
        }
        return Response.ok(welkin.yaml(snippets), YAML).build();
    }
}
