package io.airlock.oci.rest;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.OciJson;
import io.airlock.oci.TagPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /v2/<name>/tags/list}, paged with {@code n} and {@code last}; {@code Link} names the next page. */
@Path("/v2/{name: .+}/tags/list")
public class TagsResource {

    @Inject
    RegistryOperations registry;

    /** The tags list document. */
    public record Tags(String name, List<String> tags) {}

    @GET
    public Response tags(
            @PathParam("name") String name,
            @QueryParam("ns") String ns,
            @QueryParam("n") String n,
            @QueryParam("last") String last)
            throws IOException {
        TagPage page = registry.tags(name, ns, limit(n), last == null || last.isBlank() ? null : last);
        Response.ResponseBuilder r = Response.ok(OciJson.MAPPER.writeValueAsBytes(new Tags(page.name(), page.tags())))
                .type("application/json");
        page.next()
                .ifPresent(next -> r.header(
                        "Link",
                        "</v2/" + page.name() + "/tags/list?n=" + page.tags().size() + "&last="
                                + URLEncoder.encode(next, StandardCharsets.UTF_8) + ">; rel=\"next\""));
        return r.build();
    }

    /** {@code n}: -1 when absent; a 400 when not a non-negative integer. */
    static int limit(String n) {
        if (n == null || n.isBlank()) {
            return -1;
        }
        int limit;
        try {
            limit = Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 0) {
            throw new OciException(OciError.UNSUPPORTED, "n must be a non-negative integer", 400);
        }
        return limit;
    }
}
