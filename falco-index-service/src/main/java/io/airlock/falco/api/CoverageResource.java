package io.airlock.falco.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.auth.Guard;
import io.airlock.falco.FalcoError;
import io.airlock.falco.client.KernelCoverage;
import io.airlock.falco.config.FalcoConfig;
import io.airlock.falco.coverage.CoverageService;
import io.airlock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Kernel coverage: {@code POST} the output of {@code kubectl get nodes -o json} (or a list of node facts) to declare
 * the cluster's nodes and get the report; {@code GET} the report on the last declared set. Both accept
 * {@code ?driverVersion=8.1.0%2Bdriver} (repeatable; default: airlock.falco.coverage.driver-versions, else every hosted
 * version) and {@code ?kind=module|ebpf}.
 */
@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {

    @Inject
    CoverageService coverage;

    @Inject
    Guard guard;

    @Inject
    ObjectMapper json;

    @Inject
    FalcoConfig config;

    @POST
    @Consumes(MediaType.WILDCARD)
    public KernelCoverage declare(
            @QueryParam("driverVersion") List<String> driverVersions, @QueryParam("kind") String kind, InputStream body)
            throws IOException {
        guard.write();
        byte[] doc = BoundedBody.read(body, config.coverage().maxNodesBytes(), "node document");
        return coverage.declare(json.readTree(doc), driverVersions, Optional.ofNullable(kind));
    }

    @GET
    public KernelCoverage report(
            @QueryParam("driverVersion") List<String> driverVersions, @QueryParam("kind") String kind)
            throws IOException {
        guard.read();
        return coverage.report(driverVersions, Optional.ofNullable(kind))
                .orElseThrow(() -> new ProblemException(
                        FalcoError.NO_NODES_DECLARED,
                        "no node set declared yet: POST the output of kubectl get nodes -o json to /api/v1/coverage"));
    }
}
