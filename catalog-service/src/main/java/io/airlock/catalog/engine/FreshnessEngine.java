package io.airlock.catalog.engine;

import io.airlock.catalog.alerts.Alert;
import io.airlock.catalog.alerts.AlertPusher;
import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.data.DatabaseErrors;
import io.airlock.catalog.metrics.CatalogMetrics;
import io.airlock.catalog.model.CoverageGap;
import io.airlock.catalog.model.CoverageReport;
import io.airlock.catalog.model.FreshnessReport;
import io.airlock.catalog.model.FreshnessStatus;
import io.airlock.catalog.service.CoverageService;
import io.airlock.catalog.service.FreshnessService;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * On every {@code airlock.catalog.evaluation-interval}: evaluates every freshness policy and the coverage, refreshes
 * the metrics, and pushes the resulting alerts to Alertmanager. An alert fires from the moment its condition is
 * seen, so it reaches Alertmanager within one interval of a policy being exceeded.
 */
@ApplicationScoped
public class FreshnessEngine {
    private static final Logger LOG = Logger.getLogger(FreshnessEngine.class);
    public static final String STALE_ALERT = "AirlockArtifactStale";
    public static final String COVERAGE_ALERT = "AirlockCoverageGap";
    /** One per image in use that the registry does not hold (the {@code container-image} gaps). */
    public static final String IMAGE_ALERT = "AirlockImageMissing";

    @Inject
    FreshnessService freshness;

    @Inject
    CoverageService coverage;

    @Inject
    CatalogMetrics metrics;

    @Inject
    AlertPusher pusher;

    @Inject
    CatalogConfig config;

    Clock clock = Clock.systemUTC();

    /** The outcome of one evaluation: what fired, or why nothing could be evaluated. */
    public record Evaluation(Instant at, boolean databaseUp, int stale, int gaps, List<Alert> sent) {}

    @Scheduled(
            identity = "freshness-evaluation",
            every = "${airlock.catalog.evaluation-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        evaluate();
    }

    public synchronized Evaluation evaluate() {
        Instant now = clock.instant();
        Duration validFor = validFor();
        try {
            FreshnessReport report = freshness.report();
            CoverageReport gaps = coverage.report();
            metrics.publish(report, gaps, now);
            List<Alert> sent = pusher.push(alerts(report, gaps, now), now, validFor);
            return new Evaluation(now, true, report.stale(), gaps.gaps().size(), sent);
        } catch (RuntimeException e) {
            if (!DatabaseErrors.isUnavailable(e)) {
                throw e;
            }
            LOG.warnf("freshness evaluation skipped: PostgreSQL unreachable (%s); keeping firing alerts alive", e);
            metrics.databaseDown();
            return new Evaluation(now, false, 0, 0, pusher.refresh(now, validFor));
        }
    }

    /** How long a sent alert stays firing without being re-sent: a few intervals, at least a minute. */
    Duration validFor() {
        Duration interval = DurationConverter.parseDuration(config.evaluationInterval());
        Duration d = interval.multipliedBy(Math.max(1, config.alertmanager().validForIntervals()));
        return d.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : d;
    }

    List<Alert> alerts(FreshnessReport report, CoverageReport gaps, Instant now) {
        String base = config.externalUrl().replaceAll("/+$", "");
        List<Alert> alerts = new ArrayList<>();
        for (FreshnessStatus s : report.artifacts()) {
            if (!s.stale()) {
                continue;
            }
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put("alertname", STALE_ALERT);
            labels.put("severity", config.alertmanager().staleSeverity());
            labels.put("kind", s.kind().id());
            labels.put("artifact", s.artifact());
            labels.put("reason", s.reason().id());
            labels.put("service", "airlock-catalog");
            SortedMap<String, String> annotations = new TreeMap<>();
            annotations.put("summary", s.kind().id() + " " + s.artifact() + " is stale");
            annotations.put("description", s.message());
            alerts.add(
                    new Alert(labels, annotations, s.expiresAt(), null, base + "/api/v1/artifacts/" + s.artifactId()));
        }
        for (CoverageGap g : gaps.gaps()) {
            boolean image = g.type().equals(CoverageGap.CONTAINER_IMAGE);
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put("alertname", image ? IMAGE_ALERT : COVERAGE_ALERT);
            labels.put("severity", config.alertmanager().coverageSeverity());
            labels.put("kind", g.type());
            labels.put("artifact", g.missing());
            labels.put("service", "airlock-catalog");
            SortedMap<String, String> annotations = new TreeMap<>();
            annotations.put("summary", image ? "Image " + g.missing() + " is in use but not hosted" : g.message());
            annotations.put(
                    "description",
                    image
                            ? g.message() + ". A pod that is rescheduled or restarted on another node cannot pull it:"
                                    + " carry it in the next bundle (airlock bundle create --coverage)."
                            : g.message());
            alerts.add(new Alert(labels, annotations, now, null, base + "/api/v1/coverage"));
        }
        return alerts;
    }
}
