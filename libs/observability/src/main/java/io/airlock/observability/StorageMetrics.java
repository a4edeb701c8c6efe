package io.airlock.observability;

import io.airlock.storage.BackendReads;
import io.airlock.storage.health.StorageReachability;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Bytes read from object storage, {@code airlock_storage_backend_read_bytes_total{backend="s3"}}: with the local
 * cache (ADR 6) it grows by one blob size per cache miss, not per download, so dividing its increase by the bytes
 * served shows how well the cache shields object storage (bench/trivydb.sh's herd reports exactly that ratio).
 * Zero on the filesystem backend.
 *
 * <p>Whether object storage answered the last readiness check, {@code airlock_storage_backend_up} (1 or 0; NaN before
 * the first check): readiness may stay up through a short outage while the cache serves, so the chart alerts on this.
 */
@Singleton
public class StorageMetrics {

    @Produces
    @Singleton
    MeterBinder backendReadBytes() {
        return registry -> FunctionCounter.builder("airlock.storage.backend.read", BackendReads.S3, BackendReads::total)
                .baseUnit("bytes")
                .tag("backend", BackendReads.S3.backend())
                .description("Bytes read from the storage backend (object storage GETs, cache fills included)")
                .register(registry);
    }

    @Produces
    @Singleton
    MeterBinder backendUp(StorageReachability reachability) {
        return registry -> Gauge.builder("airlock.storage.backend.up", reachability, StorageReachability::up)
                .description("1 when object storage answered the last readiness check, 0 when it did not")
                .strongReference(true)
                .register(registry);
    }
}
