package io.airlock.catalog.metrics;

import io.airlock.catalog.model.CoverageGap;
import io.airlock.catalog.model.CoverageReport;
import io.airlock.catalog.model.FreshnessReport;
import io.airlock.catalog.model.FreshnessStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges Prometheus scrapes from {@code /q/metrics}, refreshed by each evaluation (series of artifacts that went
 * away disappear):
 *
 * <ul>
 *   <li>{@code airlock_artifact_age_seconds{kind,artifact}}: age of the newest version
 *   <li>{@code airlock_artifact_stale{kind,artifact}}: 1 when stale under its policy, else 0
 *   <li>{@code airlock_artifact_expiry_timestamp_seconds{kind,artifact}}: when it becomes stale (only artifacts whose
 *       policy has a maximum age)
 *   <li>{@code airlock_coverage_gaps{type}}: how many things in use cannot be served, per type
 *       ({@code opensearch-plugin}, {@code falco-driver}, {@code trivy-schema})
 *   <li>{@code airlock_coverage_gap{type,subject,missing}}: 1 per gap (those types; not images)
 *   <li>{@code airlock_catalog_images_missing}: how many distinct images the declared pods use that the registry does
 *       not hold (the {@code container-image} gaps)
 *   <li>{@code airlock_catalog_database_up}: 1 when the last evaluation reached PostgreSQL
 *   <li>{@code airlock_catalog_last_evaluation_timestamp_seconds}: end of the last successful evaluation
 * </ul>
 */
@ApplicationScoped
public class CatalogMetrics {
    @Inject
    MeterRegistry registry;

    private MultiGauge age;
    private MultiGauge stale;
    private MultiGauge expiry;
    private MultiGauge gaps;
    private MultiGauge gap;
    private final AtomicLong imagesMissing = new AtomicLong(0);
    private final AtomicLong databaseUp = new AtomicLong(1);
    private final AtomicLong lastEvaluation = new AtomicLong(0);

    @PostConstruct
    void register() {
        age = MultiGauge.builder("airlock.artifact.age.seconds")
                .description("Age of the artifact's newest version (from its upstream build, else its import)")
                .register(registry);
        stale = MultiGauge.builder("airlock.artifact.stale")
                .description("1 when the artifact's newest version is stale under its freshness policy")
                .register(registry);
        expiry = MultiGauge.builder("airlock.artifact.expiry.timestamp.seconds")
                .description("Unix time at which the artifact's newest version becomes stale")
                .register(registry);
        gaps = MultiGauge.builder("airlock.coverage.gaps")
                .description("Things in use (OpenSearch versions, kernels, Trivy schemas) the air gap cannot serve")
                .register(registry);
        gap = MultiGauge.builder("airlock.coverage.gap")
                .description("1 for each thing in use the air gap cannot serve")
                .register(registry);
        Gauge.builder("airlock.catalog.images.missing", imagesMissing, AtomicLong::get)
                .description("Images the declared pods use that Airlock's registry does not hold")
                .register(registry);
        registry.gauge("airlock.catalog.database.up", databaseUp);
        registry.gauge("airlock.catalog.last.evaluation.timestamp.seconds", lastEvaluation);
    }

    public void publish(FreshnessReport freshness, CoverageReport coverage, Instant now) {
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        List<MultiGauge.Row<?>> stales = new ArrayList<>();
        List<MultiGauge.Row<?>> expiries = new ArrayList<>();
        for (FreshnessStatus s : freshness.artifacts()) {
            Tags tags = Tags.of("kind", s.kind().id(), "artifact", s.artifact());
            ages.add(MultiGauge.Row.of(tags, s.ageSeconds()));
            stales.add(MultiGauge.Row.of(tags, s.stale() ? 1 : 0));
            if (s.expiresAt() != null) {
                expiries.add(MultiGauge.Row.of(tags, s.expiresAt().getEpochSecond()));
            }
        }
        age.register(ages, true);
        stale.register(stales, true);
        expiry.register(expiries, true);

        Map<String, Integer> perType = new TreeMap<>();
        CoverageGap.TYPES.forEach(t -> perType.put(t, 0));
        List<MultiGauge.Row<?>> gapRows = new ArrayList<>();
        long images = 0;
        for (CoverageGap g : coverage.gaps()) {
            if (g.type().equals(CoverageGap.CONTAINER_IMAGE)) {
                images++;
                continue;
            }
            perType.merge(g.type(), 1, Integer::sum);
            gapRows.add(
                    MultiGauge.Row.of(Tags.of("type", g.type(), "subject", g.subject(), "missing", g.missing()), 1));
        }
        gaps.register(
                perType.entrySet().stream()
                        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("type", e.getKey()), e.getValue()))
                        .toList(),
                true);
        gap.register(gapRows, true);
        imagesMissing.set(images);
        databaseUp.set(1);
        lastEvaluation.set(now.getEpochSecond());
    }

    public void databaseDown() {
        databaseUp.set(0);
    }
}
