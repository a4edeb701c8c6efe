package io.airlock.oci.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v2/}, the ping every client starts with. Whether it answers 200 or 401 (and with which challenge) is the
 * service's rule ({@link RegistryOperations#ping}): clients decide from the ping whether to send credentials at all.
 */
@Path("/v2")
public class V2Resource {

    @Inject
    RegistryOperations registry;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response ping() {
        registry.ping();
        return Response.ok("{}").build();
    }
}
