package io.airlock.falco.coverage;

import io.airlock.falco.client.KernelCoverage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Coverage as Prometheus gauges, per driver version, so an alert fires before a node image without a driver boots:
 *
 * <ul>
 *   <li>{@code airlock_falco_driver_missing_nodes{driver_version}}: declared nodes whose loader would not find its
 *       driver (missing or not computable);
 *   <li>{@code airlock_falco_driver_coverage_ratio{driver_version}}: the share of declared nodes that would (1 when
 *       no node is declared);
 *   <li>{@code airlock_falco_declared_nodes}: nodes in the last declared set.
 * </ul>
 *
 * A driver version no longer checked reports 0 missing and ratio 1 rather than disappearing mid-alert.
 */
@ApplicationScoped
public class CoverageMetrics {
    private final MeterRegistry registry;
    private final Map<String, KernelCoverage.VersionSummary> current = new ConcurrentHashMap<>();
    private final AtomicInteger declared = new AtomicInteger();
    private final java.util.Set<String> registered = new java.util.HashSet<>();

    public CoverageMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("airlock.falco.declared.nodes", declared, AtomicInteger::get)
                .description("Nodes in the last declared node set")
                .register(registry);
    }

    public synchronized void update(int nodes, List<KernelCoverage.VersionSummary> summaries) {
        declared.set(nodes);
        current.keySet()
                .retainAll(summaries.stream()
                        .map(KernelCoverage.VersionSummary::driverVersion)
                        .toList());
        for (KernelCoverage.VersionSummary s : summaries) {
            current.put(s.driverVersion(), s);
            if (registered.add(s.driverVersion())) {
                register(s.driverVersion());
            }
        }
    }

    private void register(String version) {
        Gauge.builder("airlock.falco.driver.missing.nodes", current, m -> {
                    KernelCoverage.VersionSummary s = m.get(version);
                    return s == null ? 0 : s.withoutDriver();
                })
                .description("Declared nodes whose Falco driver loader would not find a driver")
                .tag("driver_version", version)
                .register(registry);
        Gauge.builder("airlock.falco.driver.coverage.ratio", current, m -> {
                    KernelCoverage.VersionSummary s = m.get(version);
                    return s == null ? 1 : s.ratio();
                })
                .description("Share of declared nodes whose Falco driver is hosted")
                .tag("driver_version", version)
                .register(registry);
    }
}
