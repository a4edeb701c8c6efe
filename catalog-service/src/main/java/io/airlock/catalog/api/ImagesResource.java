package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.service.ImageInventories;
import io.airlock.images.inventory.InventoryReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "images")
public class ImagesResource {
    @Inject
    ImageInventories inventories;

    @Inject
    Guard guard;

    @POST
    @Path("inventory")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "The distinct images of an image list, a helm template output or a kubectl pod list, normalized",
            description = "kind=list|helm|pods, else from the Content-Type (text/plain: list; application/yaml,"
                    + " text/yaml: helm; application/json: pods). Stores nothing. Malformed references are answered"
                    + " under problems with where they were found.")
    public InventoryReport inventory(
            @QueryParam("kind") String kind,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        guard.read();
        return inventories.inventory(kind, contentType, body);
    }
}
