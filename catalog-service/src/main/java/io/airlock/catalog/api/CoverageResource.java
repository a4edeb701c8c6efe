package io.airlock.catalog.api;

import io.airlock.auth.Guard;
import io.airlock.catalog.model.CoverageReport;
import io.airlock.catalog.model.KubectlNodes;
import io.airlock.catalog.model.NodeView;
import io.airlock.catalog.model.PodImagesView;
import io.airlock.catalog.model.SchemasRequest;
import io.airlock.catalog.service.CoverageService;
import io.airlock.catalog.service.ImageCoverage;
import io.airlock.catalog.service.OpenSearchDeclaration;
import io.airlock.catalog.service.OpenSearchVersions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "coverage")
public class CoverageResource {
    @Inject
    CoverageService coverage;

    @Inject
    OpenSearchVersions opensearchVersions;

    @Inject
    ImageCoverage images;

    @Inject
    Guard guard;

    @GET
    @Operation(summary = "What is in use and what of it the air gap cannot serve")
    public CoverageReport report() {
        guard.read();
        return coverage.report();
    }

    @GET
    @Path("opensearch-versions")
    public List<String> openSearchVersions() {
        guard.read();
        return coverage.openSearchVersions();
    }

    @PUT
    @Path("opensearch-versions")
    @Operation(
            summary = "Declare the OpenSearch versions in use, e.g. {\"versions\": [\"2.8.0\"]}, or per Welkin service"
                    + " cluster: {\"clusters\": [{\"name\": \"sc-prod\", \"version\": \"2.11.1\"}]}")
    public List<String> setOpenSearchVersions(OpenSearchDeclaration declaration) {
        guard.write();
        return opensearchVersions.declare(declaration);
    }

    @GET
    @Path("nodes")
    public List<NodeView> nodes() {
        guard.read();
        return coverage.nodes();
    }

    @PUT
    @Path("nodes")
    @Operation(summary = "Declare the nodes in use: the body is the output of kubectl get nodes -o json, as is")
    public List<NodeView> declareNodes(KubectlNodes nodes) {
        guard.write();
        return coverage.declareNodes(nodes);
    }

    @GET
    @Path("pods")
    @Operation(summary = "The images the declared pods use, whether each is hosted, and the containers that use it")
    public PodImagesView pods() {
        guard.read();
        return images.pods();
    }

    @PUT
    @Path("pods")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Declare the pods in use: the body is the output of kubectl get pods -A -o json, as is",
            description = "Replaces the previous declaration of the same cluster (?cluster=NAME, e.g. one per Welkin"
                    + " service and workload cluster; none named is a cluster of its own); an unreadable body is"
                    + " refused and keeps it. Containers"
                    + " whose image is not a valid reference are answered under problems and not stored.")
    public PodImagesView declarePods(@QueryParam("cluster") String cluster, InputStream body) {
        guard.write();
        return images.declare(cluster, body);
    }

    @GET
    @Path("schemas")
    public List<SchemasRequest.Schema> schemas() {
        guard.read();
        return coverage.schemas();
    }

    @PUT
    @Path("schemas")
    @Operation(summary = "Declare the Trivy schema versions in use")
    public List<SchemasRequest.Schema> setSchemas(SchemasRequest request) {
        guard.write();
        return coverage.setSchemas(request);
    }
}
