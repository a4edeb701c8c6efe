package io.airlock.trivydb.trivy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Freshness gauges per repository, from the facts in object storage (so every replica reports the same, including
 * pushes another replica took): {@code airlock_trivy_db_age_seconds} (now minus UpdatedAt, or minus the push time
 * for bundles without metadata) and {@code airlock_trivy_db_next_update_timestamp_seconds} (NextUpdate; NaN when the
 * artifact has none). Refreshed every minute and after each local push.
 */
@ApplicationScoped
public class TrivyMetrics {
    private static final Logger LOG = Logger.getLogger(TrivyMetrics.class);
    static final String AGE = "airlock_trivy_db_age_seconds";
    static final String NEXT_UPDATE = "airlock_trivy_db_next_update_timestamp_seconds";

    private final MeterRegistry meters;
    private final TrivyStatusStore statuses;
    private final Clock clock;
    private final Map<String, TrivyDbFacts> current = new ConcurrentHashMap<>();

    public TrivyMetrics(MeterRegistry meters, TrivyStatusStore statuses, Clock clock) {
        this.meters = meters;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** First run right at start, on the scheduler's thread: the start does not wait for object storage reads. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            statuses.all().forEach(this::update);
        } catch (Exception e) {
            LOG.warnf("cannot refresh Trivy freshness metrics: %s", e.getMessage());
        }
    }

    /** Records {@code facts} as the current state of its repository. */
    public void update(TrivyDbFacts facts) {
        String repo = facts.repository();
        if (current.put(repo, facts) == null) {
            Gauge.builder(AGE, current, m -> age(m.get(repo)))
                    .description("Age of the Trivy database: now minus its UpdatedAt")
                    .baseUnit("seconds")
                    .tag("repository", repo)
                    .register(meters);
            Gauge.builder(NEXT_UPDATE, current, m -> nextUpdate(m.get(repo)))
                    .description("NextUpdate of the Trivy database, seconds since the epoch")
                    .tag("repository", repo)
                    .register(meters);
        }
    }

    private double age(TrivyDbFacts facts) {
        if (facts == null || facts.freshAsOf() == null) {
            return Double.NaN;
        }
        return (clock.millis() - facts.freshAsOf().toEpochMilli()) / 1000.0;
    }

    private static double nextUpdate(TrivyDbFacts facts) {
        return facts == null || facts.nextUpdate() == null
                ? Double.NaN
                : facts.nextUpdate().getEpochSecond();
    }
}
