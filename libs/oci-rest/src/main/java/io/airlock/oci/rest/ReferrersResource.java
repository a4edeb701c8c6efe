package io.airlock.oci.rest;

import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code /v2/<name>/referrers/<digest>}: the manifests whose subject is that digest, as an OCI index, optionally
 * filtered by {@code artifactType} (then {@code OCI-Filters-Applied} says so).
 */
@Path("/v2/{name: .+}/referrers")
public class ReferrersResource {

    @Inject
    RegistryOperations registry;

    @GET
    @Path("{digest}")
    public Response referrers(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @PathParam("digest") String digest,
            @QueryParam("artifactType") String artifactType)
            throws IOException {
        RegistryOperations.Referrers found = registry.referrers(name, ns, digest, artifactType);
        Response.ResponseBuilder r =
                Response.ok(OciJson.MAPPER.writeValueAsBytes(found.index())).type(MediaTypes.OCI_INDEX);
        if (found.filtered()) {
            r.header("OCI-Filters-Applied", "artifactType");
        }
        return r.build();
    }
}
