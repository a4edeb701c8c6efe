package io.airlock.catalog.service;

import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.model.CoverageGap;
import io.airlock.catalog.model.CoverageReport;
import io.airlock.catalog.model.KernelCoverageSource;
import io.airlock.falco.client.FalcoCoverageClient;
import io.airlock.falco.client.KernelCoverage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Kernel coverage as falco-index-service computes it: the catalog asks, and turns the answer into its report's kernels
 * and {@code falco-driver} gaps; it never computes a driver file name itself. When falco-index-service cannot be
 * reached the catalog keeps answering, with the last report it got ({@code stale}) or without kernel coverage
 * ({@code unavailable}).
 */
@ApplicationScoped
public class KernelCoverageReader {
    private static final Logger LOG = Logger.getLogger(KernelCoverageReader.class);

    private final Optional<FalcoCoverageClient> client;
    private volatile KernelCoverage last;

    @Inject
    public KernelCoverageReader(CatalogConfig config) {
        CatalogConfig.FalcoIndex falco = config.coverage().falcoIndex();
        this.client = falco.url()
                .map(url -> new FalcoCoverageClient(
                        new FalcoCoverageClient.Settings(url, falco.user(), falco.password(), falco.timeout())));
    }

    /** What falco-index-service answers now, else what it last answered. */
    public Snapshot read() {
        if (client.isEmpty()) {
            return new Snapshot(
                    new KernelCoverageSource(null, KernelCoverageSource.NOT_CONFIGURED, null, null), Optional.empty());
        }
        String source = client.get().endpoint().toString();
        FalcoCoverageClient.Answer answer = client.get().coverage();
        if (answer instanceof FalcoCoverageClient.Answer.Report r) {
            last = r.coverage();
            return new Snapshot(
                    new KernelCoverageSource(
                            source, KernelCoverageSource.CURRENT, r.coverage().computedAt(), null),
                    Optional.of(r.coverage()));
        }
        if (answer instanceof FalcoCoverageClient.Answer.NoNodes) {
            last = null;
            return new Snapshot(
                    new KernelCoverageSource(source, KernelCoverageSource.NO_NODES, null, null), Optional.empty());
        }
        String reason = ((FalcoCoverageClient.Answer.Unavailable) answer).reason();
        LOG.warnf("kernel coverage: %s", reason);
        KernelCoverage kept = last;
        if (kept == null) {
            return new Snapshot(
                    new KernelCoverageSource(source, KernelCoverageSource.UNAVAILABLE, null, reason), Optional.empty());
        }
        return new Snapshot(
                new KernelCoverageSource(source, KernelCoverageSource.STALE, kept.computedAt(), reason),
                Optional.of(kept));
    }

    /** falco-index-service's report (if any) and where it came from. */
    public record Snapshot(KernelCoverageSource source, Optional<KernelCoverage> coverage) {
        /** The kernels in use, one entry per kernel release and architecture, with a hosted driver if any. */
        public List<CoverageReport.KernelInUse> kernels() {
            return coverage.map(KernelCoverageReader::kernels).orElse(List.of());
        }

        /** One {@code falco-driver} gap per file some nodes' loaders will request and not find. */
        public List<CoverageGap> gaps() {
            return coverage.map(KernelCoverageReader::gaps).orElse(List.of());
        }
    }

    static List<CoverageReport.KernelInUse> kernels(KernelCoverage coverage) {
        Map<String, List<KernelCoverage.NodeCoverage>> byKernel = byKernel(coverage.nodes());
        List<CoverageReport.KernelInUse> kernels = new ArrayList<>();
        for (List<KernelCoverage.NodeCoverage> nodes : byKernel.values()) {
            KernelCoverage.NodeCoverage first = nodes.get(0);
            String driver = nodes.stream()
                    .flatMap(n -> n.drivers().stream())
                    .filter(d -> d.status() == KernelCoverage.Status.PRESENT)
                    .map(KernelCoverage.DriverStatus::path)
                    .findFirst()
                    .orElse(null);
            kernels.add(new CoverageReport.KernelInUse(first.kernelRelease(), first.arch(), nodes.size(), driver));
        }
        return kernels;
    }

    /**
     * Missing files are reported by the exact path the loader requests; a node whose file name falco-index-service
     * could not compute is reported with its reason. The driver version is named when more than one is checked.
     */
    static List<CoverageGap> gaps(KernelCoverage coverage) {
        boolean severalVersions = coverage.driverVersions().size() > 1;
        Map<String, Gap> gaps = new LinkedHashMap<>();
        for (List<KernelCoverage.NodeCoverage> nodes :
                byKernel(coverage.nodes()).values()) {
            for (KernelCoverage.NodeCoverage node : nodes) {
                for (KernelCoverage.DriverStatus d : node.drivers()) {
                    if (d.status() == KernelCoverage.Status.PRESENT) {
                        continue;
                    }
                    boolean missing = d.status() == KernelCoverage.Status.MISSING;
                    String file = missing
                            ? d.path()
                            : d.driverVersion() + "/" + node.arch() + "/<unknown name for " + node.kernelRelease()
                                    + ">";
                    gaps.computeIfAbsent(file, f -> new Gap(node, d, missing)).nodes++;
                }
            }
        }
        List<CoverageGap> result = new ArrayList<>();
        gaps.forEach((file, g) -> {
            String kernel = "kernel " + g.node.kernelRelease() + " (" + g.node.arch() + ") on " + g.nodes
                    + (g.nodes == 1 ? " node" : " nodes");
            String version = severalVersions ? " " + g.driver.driverVersion() : "";
            String message = g.missing
                    ? kernel + " has no Falco driver" + version
                    : kernel + ": the name of its Falco driver" + version + " cannot be computed (" + g.driver.reason()
                            + ")";
            result.add(new CoverageGap(
                    CoverageGap.FALCO_DRIVER, g.node.kernelRelease() + "/" + g.node.arch(), file, g.nodes, message));
        });
        return result;
    }

    private static Map<String, List<KernelCoverage.NodeCoverage>> byKernel(List<KernelCoverage.NodeCoverage> nodes) {
        Map<String, List<KernelCoverage.NodeCoverage>> byKernel = new LinkedHashMap<>();
        nodes.stream()
                .sorted(java.util.Comparator.comparing(KernelCoverage.NodeCoverage::kernelRelease)
                        .thenComparing(KernelCoverage.NodeCoverage::arch))
                .forEach(n -> byKernel.computeIfAbsent(n.kernelRelease() + "\u0000" + n.arch(), k -> new ArrayList<>())
                        .add(n));
        return byKernel;
    }

    private static final class Gap {
        final KernelCoverage.NodeCoverage node;
        final KernelCoverage.DriverStatus driver;
        final boolean missing;
        int nodes;

        Gap(KernelCoverage.NodeCoverage node, KernelCoverage.DriverStatus driver, boolean missing) {
            this.node = node;
            this.driver = driver;
            this.missing = missing;
        }
    }
}
