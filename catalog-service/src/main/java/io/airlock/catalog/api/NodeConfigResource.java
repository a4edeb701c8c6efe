package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.model.ContainerdConfigView;
import io.airlock.catalog.service.ContainerdConfigService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Configuration the nodes' container runtime needs to pull every upstream's images from this installation. */
@Path("/api/v1/config")
@Tag(name = "config")
public class NodeConfigResource {
    static final String TOML = "application/toml";

    @Inject
    ContainerdConfigService containerd;

    @Inject
    Guard guard;

    @GET
    @Path("containerd")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The upstream registries of the container images held, each with the URL of its containerd"
                    + " hosts.toml")
    public ContainerdConfigView containerd(@Context UriInfo uri) {
        guard.read();
        return new ContainerdConfigView(
                containerd.mirrorUrl(),
                containerd.upstreamsInUse().stream()
                        .map(u -> new ContainerdConfigView.Upstream(
                                u,
                                ContainerdConfigService.server(u),
                                u + "/hosts.toml",
                                uri.getBaseUriBuilder()
                                        .path("api/v1/config/containerd/{upstream}/hosts.toml")
                                        .build(u)
                                        .toString()))
                        .toList());
    }

    @GET
    @Path("containerd/{upstream}/hosts.toml")
    @Produces(TOML)
    @Operation(
            summary = "containerd's hosts.toml for one upstream registry (in use or not): pull and resolve through"
                    + " this installation's registry")
    public Response hostsToml(@PathParam("upstream") String upstream) {
        guard.read();
        return Response.ok(containerd.hostsToml(containerd.upstream(upstream)), TOML)
                .build();
    }

    @GET
    @Path("kubespray")
    @Produces("application/yaml")
    @Operation(summary = "Kubespray's containerd_registries_mirrors, one entry per upstream registry in use")
    public Response kubespray() {
        guard.read();
        return Response.ok(containerd.kubespray(), "application/yaml").build();
    }
}
