package io.airlock.oci.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Tells clients on every /v2 answer that this is a distribution API v2 registry. */
public class RegistryHeadersFilter {

    @ServerResponseFilter
    public void apiVersion(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/v2")) {
            response.getHeaders().putSingle("Docker-Distribution-API-Version", "registry/2.0");
        }
    }
}
