package io.airlock.storage.health;

import io.airlock.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the store answers: a replica that cannot reach object storage leaves the Service's endpoints. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    private final BlobStore store;

    public StorageReadinessCheck(BlobStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.named("storage")
                    .withData("store", store.describe())
                    .up()
                    .build();
        } catch (Exception e) {
            return HealthCheckResponse.named("storage")
                    .withData("store", store.describe())
                    .withData("error", String.valueOf(e.getMessage()))
                    .down()
                    .build();
        }
    }
}
