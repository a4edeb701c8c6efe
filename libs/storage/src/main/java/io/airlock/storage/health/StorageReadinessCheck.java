package io.airlock.storage.health;

import io.airlock.storage.BlobStore;
import io.airlock.storage.StorageConfig;
import io.airlock.storage.cache.CachingBlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the store answers. When object storage stops answering, a replica with a local disk cache
 * ({@link CachingBlobStore}) stays ready for {@code airlock.storage.cache.readiness-grace}, since it can still serve
 * what it cached: one object-storage blip then does not take every replica out of its Service at once. Without a
 * cache, or once the grace has passed, the replica leaves the Service's endpoints. Every check is recorded in
 * {@link StorageReachability}, so the outage is visible as a metric even while the replica stays ready.
 */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    private final BlobStore store;
    private final Duration grace;
    private final StorageReachability reachability;
    private final Clock clock;

    @Inject
    public StorageReadinessCheck(BlobStore store, StorageConfig config, StorageReachability reachability) {
        this(store, config.cache().readinessGrace(), reachability, Clock.systemUTC());
    }

    StorageReadinessCheck(BlobStore store, Duration grace, StorageReachability reachability, Clock clock) {
        this.store = store;
        this.grace = grace;
        this.reachability = reachability;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("storage").withData("store", store.describe());
        try {
            store.ping();
            reachability.reachable();
            return response.up().build();
        } catch (Exception e) {
            Instant now = clock.instant();
            Instant since = reachability.unreachable(now);
            response.withData("error", String.valueOf(e.getMessage())).withData("unreachableSince", since.toString());
            if (store instanceof CachingBlobStore && now.isBefore(since.plus(grace))) {
                return response.withData("servingFromCache", true).up().build();
            }
            return response.down().build();
        }
    }
}
