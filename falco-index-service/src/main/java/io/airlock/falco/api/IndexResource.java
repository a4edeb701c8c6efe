package io.airlock.falco.api;

import io.airlock.auth.Guard;
import io.airlock.falco.FalcoError;
import io.airlock.falco.config.FalcoConfig;
import io.airlock.falco.index.IndexEntry;
import io.airlock.falco.index.IndexService;
import io.airlock.falco.index.MirrorReport;
import io.airlock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The falcoctl index: what the generated {@code falcoctl/index.yaml} holds, the upstream index to mirror and what of it
 * is not hosted yet. The index itself is served by the file server.
 */
@Path("/api/v1/index")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    @Inject
    IndexService index;

    @Inject
    Guard guard;

    @Inject
    FalcoConfig config;

    /** The entries of the generated index, as published. */
    @GET
    public List<IndexEntry> entries() throws IOException {
        guard.read();
        return index.generate();
    }

    /** Regenerates and republishes the index (e.g. after the registry host changed). */
    @POST
    @Path("publish")
    public List<IndexEntry> publish() throws IOException {
        guard.write();
        return index.publish();
    }

    /** Mirrors an upstream index (the YAML as downloaded) and reports which of its entries are not hosted yet. */
    @PUT
    @Path("upstream")
    @Consumes(MediaType.WILDCARD)
    public MirrorReport mirror(InputStream body) throws IOException {
        guard.write();
        return index.mirror(BoundedBody.read(body, config.index().maxUpstreamBytes(), "upstream index"));
    }

    @GET
    @Path("upstream")
    public MirrorReport mirrorReport() throws IOException {
        guard.read();
        return index.mirrorReport()
                .orElseThrow(() -> new ProblemException(
                        FalcoError.NO_UPSTREAM_INDEX,
                        "no upstream index mirrored yet: PUT it to /api/v1/index/upstream"));
    }
}
