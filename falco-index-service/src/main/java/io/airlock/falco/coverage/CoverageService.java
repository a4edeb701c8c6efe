package io.airlock.falco.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.falco.client.KernelCoverage;
import io.airlock.falco.config.FalcoConfig;
import io.airlock.falco.drivers.Arch;
import io.airlock.falco.drivers.DriverKind;
import io.airlock.falco.drivers.DriverPath;
import io.airlock.falco.drivers.DriverService;
import io.airlock.falco.drivers.DriverVersion;
import io.airlock.falco.drivers.DriversChanged;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Expectation;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Kernel coverage: for each declared node and each checked driver version, the exact file its loader will request
 * ({@link LoaderTargets}) and whether the file server's tree holds it. The declared node set is kept in this service's
 * store ({@code coverage/nodes.json}), so every replica reports on the same set and the metrics survive restarts.
 */
@ApplicationScoped
public class CoverageService {
    private static final Logger LOG = Logger.getLogger(CoverageService.class);
    static final String NODES_KEY = "coverage/nodes.json";

    private final BlobStore own;
    private final DriverService drivers;
    private final FalcoConfig.Coverage config;
    private final CoverageMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public CoverageService(
            BlobStore own, DriverService drivers, FalcoConfig config, CoverageMetrics metrics, ObjectMapper json) {
        this.own = own;
        this.drivers = drivers;
        this.config = config.coverage();
        this.metrics = metrics;
        this.json = json;
    }

    /** Reads a node document ({@link NodeDocuments}), keeps it as the declared set, and reports on it. */
    public KernelCoverage declare(JsonNode document, List<String> driverVersions, Optional<String> kind)
            throws IOException {
        List<NodeFacts> nodes = NodeDocuments.parse(document);
        byte[] stored = json.writeValueAsBytes(new Declared(nodes.stream()
                .map(n -> new Declared.Node(
                        n.name(),
                        n.kernelRelease(),
                        n.kernelVersion().orElse(null),
                        n.osImage(),
                        n.arch().dir(),
                        n.targetId().orElse(null)))
                .toList()));
        own.put(NODES_KEY, new ByteArrayInputStream(stored), Expectation.of((long) stored.length, null));
        return compute(nodes, driverVersions, kind, true);
    }

    /** The report on the last declared node set, computed now; empty when no set was ever declared. */
    public Optional<KernelCoverage> report(List<String> driverVersions, Optional<String> kind) throws IOException {
        Optional<List<NodeFacts>> nodes = declared();
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(compute(nodes.get(), driverVersions, kind, driverVersions.isEmpty() && kind.isEmpty()));
    }

    /** Keeps the gauges current even when nobody asks for a report (other replicas may have changed the tree). */
    @Scheduled(every = "${airlock.falco.coverage.refresh-after:60s}", delayed = "3s")
    void refresh() {
        try {
            report(List.of(), Optional.empty());
        } catch (Exception e) {
            LOG.debugf("coverage refresh failed: %s", e.getMessage());
        }
    }

    void driversChanged(@Observes DriversChanged event) {
        refresh();
    }

    private Optional<List<NodeFacts>> declared() throws IOException {
        Optional<BlobInfo> info = own.stat(NODES_KEY);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = own.open(info.get(), 0, info.get().size())) {
            return Optional.of(NodeDocuments.parse(json.readTree(in)));
        }
    }

    private KernelCoverage compute(
            List<NodeFacts> nodes, List<String> requestedVersions, Optional<String> requestedKind, boolean publish)
            throws IOException {
        DriverKind kind = DriverKind.of(requestedKind.orElse(config.kind()));
        List<DriverService.Hosted> hosted = drivers.list();
        Set<String> keys = new HashSet<>();
        Map<String, List<String>> namesByDir = new TreeMap<>();
        for (DriverService.Hosted h : hosted) {
            keys.add(h.path().key());
            namesByDir
                    .computeIfAbsent(dir(h.path().version().value(), h.path().arch()), d -> new ArrayList<>())
                    .add(h.path().file().fileName());
        }
        List<String> versions = versionsToCheck(requestedVersions, hosted);

        Map<String, int[]> counts = new TreeMap<>(); // version -> {present, without}
        versions.forEach(v -> counts.put(v, new int[2]));
        List<String> missing = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<KernelCoverage.NodeCoverage> nodeReports = new ArrayList<>();
        for (NodeFacts node : nodes) {
            Expected expected = LoaderTargets.expected(node, config.driverName(), kind);
            List<KernelCoverage.DriverStatus> statuses = new ArrayList<>();
            for (String v : versions) {
                List<String> names = namesByDir.getOrDefault(dir(v, node.arch()), List.of());
                KernelCoverage.DriverStatus s = status(expected, new DriverVersion(v), node.arch(), keys, names);
                statuses.add(s);
                if (s.status() == KernelCoverage.Status.PRESENT) {
                    counts.get(v)[0]++;
                } else {
                    counts.get(v)[1]++;
                    if (s.status() == KernelCoverage.Status.MISSING) {
                        missing.add(s.path());
                    }
                }
            }
            String source;
            String note;
            if (expected instanceof Expected.Resolved r) {
                source = r.source().name();
                note = r.note();
            } else {
                source = null;
                note = ((Expected.Unresolved) expected).reason();
                unresolved.add(node.name());
            }
            nodeReports.add(new KernelCoverage.NodeCoverage(
                    node.name(),
                    node.osImage(),
                    node.arch().dir(),
                    node.kernelRelease(),
                    expected.targetId(),
                    source,
                    note.isEmpty() ? null : note,
                    statuses));
        }
        List<KernelCoverage.VersionSummary> summary = new ArrayList<>();
        counts.forEach((v, c) -> summary.add(new KernelCoverage.VersionSummary(
                v, nodes.size(), c[0], c[1], nodes.isEmpty() ? 1.0 : (double) c[0] / nodes.size())));
        if (publish) {
            metrics.update(nodes.size(), summary);
        }
        return new KernelCoverage(
                clock.instant(),
                kind.name().toLowerCase(java.util.Locale.ROOT),
                versions,
                summary,
                missing.stream().distinct().sorted().toList(),
                unresolved,
                nodeReports);
    }

    private List<String> versionsToCheck(List<String> requested, List<DriverService.Hosted> hosted) {
        List<String> versions = !requested.isEmpty()
                ? requested
                : config.driverVersions().orElseGet(() -> hosted.stream()
                        .map(h -> h.path().version().value())
                        .distinct()
                        .toList());
        TreeSet<String> checked = new TreeSet<>();
        for (String v : versions) {
            checked.add(new DriverVersion(v).value());
        }
        return List.copyOf(checked);
    }

    private static KernelCoverage.DriverStatus status(
            Expected expected, DriverVersion version, Arch arch, Set<String> keys, List<String> names) {
        if (expected instanceof Expected.Unresolved u) {
            List<String> candidates = u.prefix().isEmpty()
                    ? List.of()
                    : names.stream()
                            .filter(n -> n.startsWith(u.prefix()) && n.endsWith(u.suffix()))
                            .map(n -> dir(version.value(), arch) + n)
                            .toList();
            return new KernelCoverage.DriverStatus(
                    version.value(), KernelCoverage.Status.UNRESOLVED, null, null, u.reason(), candidates);
        }
        Expected.Resolved r = (Expected.Resolved) expected;
        DriverPath path = new DriverPath(version, arch, r.file());
        if (keys.contains(path.key())) {
            return new KernelCoverage.DriverStatus(
                    version.value(), KernelCoverage.Status.PRESENT, path.key(), path.urlPath(), null, List.of());
        }
        List<String> candidates = List.of();
        if (r.source() != Expected.Source.GIVEN) {
            String sameKernel = r.file().driverName() + "_" + r.file().targetId() + "_"
                    + r.file().kernelRelease() + "_";
            candidates = names.stream()
                    .filter(n -> n.startsWith(sameKernel)
                            && n.endsWith(r.file().kind().extension()))
                    .map(n -> dir(version.value(), arch) + n)
                    .toList();
        }
        return new KernelCoverage.DriverStatus(
                version.value(),
                KernelCoverage.Status.MISSING,
                path.key(),
                path.urlPath(),
                candidates.isEmpty() ? null : "a driver for this kernel with another build number is hosted",
                candidates);
    }

    private static String dir(String version, Arch arch) {
        return version + "/" + arch.dir() + "/";
    }

    /** The declared node set as stored: the list form {@link NodeDocuments} reads. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Declared(List<Node> nodes) {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Node(
                String name,
                String kernelRelease,
                String kernelVersion,
                String osImage,
                String arch,
                String targetId) {}
    }
}
