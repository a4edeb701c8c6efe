package io.airlock.catalog.service;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.ClusterNode;
import io.airlock.catalog.data.RequiredSchema;
import io.airlock.catalog.domain.CatalogError;
import io.airlock.catalog.domain.CatalogException;
import io.airlock.catalog.domain.Kinds;
import io.airlock.catalog.model.CoverageGap;
import io.airlock.catalog.model.CoverageReport;
import io.airlock.catalog.model.KubectlNodes;
import io.airlock.catalog.model.NodeView;
import io.airlock.catalog.model.SchemasRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Required coverage: what the platform runs (OpenSearch versions, node kernels, Trivy schemas, pod images), declared by the
 * operator, against what is hosted. Each declaration replaces the previous one as a whole.
 */
@ApplicationScoped
public class CoverageService {

    private static final int MAX_NODES = 10_000;

    @Inject
    CatalogConfig config;

    @Inject
    KernelCoverageReader kernelCoverage;

    Clock clock = Clock.systemUTC();

    @Inject
    OpenSearchVersions opensearchVersions;

    @Inject
    ImageCoverage images;

    /** Every OpenSearch version in use; declared through {@link OpenSearchVersions}. */
    public List<String> openSearchVersions() {
        return opensearchVersions.versions();
    }

    @Transactional
    public List<NodeView> nodes() {
        return ClusterNode.<ClusterNode>listAll().stream()
                .sorted(Comparator.comparing(n -> n.name))
                .map(Views::of)
                .toList();
    }

    /**
     * The kernel releases ({@code uname -r}) of the declared nodes, distinct and sorted; what the platform runs, for
     * configuration that depends on the kernel. Which of them have a Falco driver is falco-index-service's answer
     * ({@link #report()}).
     */
    @Transactional
    public List<String> kernelReleases() {
        return ClusterNode.<ClusterNode>listAll().stream()
                .map(n -> n.kernelRelease)
                .distinct()
                .sorted()
                .toList();
    }

    /** Takes {@code kubectl get nodes -o json} as is; every node is checked before the old declaration is replaced. */
    @Transactional
    public List<NodeView> declareNodes(KubectlNodes body) {
        List<KubectlNodes.Node> nodes = nodesOf(body);
        Instant now = clock.instant();
        Map<String, ClusterNode> parsed = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            KubectlNodes.Node node = nodes.get(i);
            String where = "items[" + i + "]";
            if (node == null || node.metadata() == null || blank(node.metadata().name())) {
                throw invalid(where + ".metadata.name is missing");
            }
            String name = node.metadata().name();
            where = "node '" + name + "'";
            if (node.status() == null || node.status().nodeInfo() == null) {
                throw invalid(where + " has no status.nodeInfo");
            }
            KubectlNodes.NodeInfo info = node.status().nodeInfo();
            if (blank(info.kernelVersion())) {
                throw invalid(where + " has no status.nodeInfo.kernelVersion");
            }
            if (blank(info.architecture())) {
                throw invalid(where + " has no status.nodeInfo.architecture");
            }
            ClusterNode n = new ClusterNode();
            n.name = Validate.required(name, "metadata.name", 253);
            n.kernelRelease = Validate.required(info.kernelVersion(), where + " kernelVersion", 255);
            n.architecture = Validate.required(info.architecture(), where + " architecture", 64);
            n.osImage = Validate.optional(info.osImage(), where + " osImage", 255);
            n.kubeletVersion = Validate.optional(info.kubeletVersion(), where + " kubeletVersion", 64);
            n.containerRuntime =
                    Validate.optional(info.containerRuntimeVersion(), where + " containerRuntimeVersion", 255);
            n.declaredAt = now;
            if (parsed.put(n.name, n) != null) {
                throw invalid("node '" + name + "' appears twice");
            }
        }
        ClusterNode.deleteAll();
        parsed.values().forEach(n -> n.persist());
        return parsed.values().stream()
                .sorted(Comparator.comparing(n -> n.name))
                .map(Views::of)
                .toList();
    }

    private static List<KubectlNodes.Node> nodesOf(KubectlNodes body) {
        if (body == null) {
            throw invalid("the body is empty; send the output of kubectl get nodes -o json");
        }
        if ("Node".equals(body.kind())) {
            return List.of(new KubectlNodes.Node(body.kind(), body.metadata(), body.status()));
        }
        if (body.items() == null) {
            throw invalid("expected a List with items (kubectl get nodes -o json), got "
                    + (body.kind() == null ? "an object without kind" : "kind " + body.kind()));
        }
        if (body.items().size() > MAX_NODES) {
            throw invalid("more than " + MAX_NODES + " nodes");
        }
        return body.items();
    }

    @Transactional
    public List<SchemasRequest.Schema> schemas() {
        return RequiredSchema.<RequiredSchema>listAll().stream()
                .map(s -> new SchemasRequest.Schema(s.kind, s.schemaVersion))
                .sorted(Comparator.comparing(SchemasRequest.Schema::kind).thenComparing(SchemasRequest.Schema::version))
                .toList();
    }

    @Transactional
    public List<SchemasRequest.Schema> setSchemas(SchemasRequest request) {
        if (request == null || request.schemas() == null) {
            throw CatalogException.badRequest(
                    "a JSON body {\"schemas\": [{\"kind\": \"trivy-db\", \"version\": 2}]} is required");
        }
        Map<String, RequiredSchema> parsed = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (SchemasRequest.Schema s : request.schemas()) {
            if (s == null) {
                throw CatalogException.badRequest("a schema entry is null");
            }
            ArtifactKind kind = Kinds.of(s.kind());
            if (kind != ArtifactKind.TRIVY_DB
                    && kind != ArtifactKind.TRIVY_JAVA_DB
                    && kind != ArtifactKind.TRIVY_CHECKS) {
                throw CatalogException.badRequest(
                        "schemas apply to trivy-db, trivy-java-db and trivy-checks, not " + kind);
            }
            if (s.version() == null || s.version() < 1) {
                throw CatalogException.badRequest("schema version of " + kind + " must be a positive number");
            }
            RequiredSchema r = new RequiredSchema();
            r.kind = kind.id();
            r.schemaVersion = s.version();
            r.declaredAt = now;
            parsed.put(r.kind + ":" + r.schemaVersion, r);
        }
        RequiredSchema.deleteAll();
        parsed.values().forEach(r -> r.persist());
        return schemas();
    }

    /**
     * What is in use and what of it cannot be served; read-only. Kernel coverage is falco-index-service's report on the
     * nodes declared to it, asked now (at most {@code airlock.catalog.coverage.falco-index.timeout}).
     */
    @Transactional
    public CoverageReport report() {
        Instant now = clock.instant();
        List<CoverageGap> gaps = new ArrayList<>();

        List<String> opensearch = openSearchVersions();
        for (String version : opensearch) {
            for (String plugin : config.coverage().opensearchPlugins()) {
                String file = plugin + "-" + version + ".zip";
                boolean hosted = Artifact.count(
                                "kind = ?1 and (name = ?2 or name like ?3)",
                                ArtifactKind.OPENSEARCH_PLUGIN,
                                file,
                                "%/" + file)
                        > 0;
                if (!hosted) {
                    gaps.add(new CoverageGap(
                            CoverageGap.OPENSEARCH_PLUGIN,
                            version,
                            file,
                            0,
                            "OpenSearch " + version + " in use but " + file + " missing"));
                }
            }
        }

        KernelCoverageReader.Snapshot kernels = kernelCoverage.read();
        gaps.addAll(kernels.gaps());

        List<SchemasRequest.Schema> schemas = schemas();
        for (SchemasRequest.Schema s : schemas) {
            ArtifactKind kind = Kinds.of(s.kind());
            boolean hosted = Artifact.count("kind = ?1 and name like ?2", kind, "%:" + s.version()) > 0;
            if (!hosted) {
                String repository =
                        switch (kind) {
                            case TRIVY_DB -> config.welkin().trivyDbRepository();
                            case TRIVY_JAVA_DB -> config.welkin().trivyJavaDbRepository();
                            default -> "aquasecurity/" + kind.id();
                        };
                gaps.add(new CoverageGap(
                        CoverageGap.TRIVY_SCHEMA,
                        kind.id() + ":" + s.version(),
                        repository + ":" + s.version(),
                        0,
                        kind.id() + " schema " + s.version() + " in use but " + repository + ":" + s.version()
                                + " missing"));
            }
        }
        ImageCoverage.Missing missingImages = images.missing();
        gaps.addAll(missingImages.gaps());
        return new CoverageReport(
                now,
                gaps.isEmpty() && kernels.source().known(),
                gaps,
                opensearch,
                kernels.kernels(),
                schemas,
                kernels.source(),
                missingImages.images());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static CatalogException invalid(String message) {
        return new CatalogException(CatalogError.INVALID_NODES, message);
    }
}
