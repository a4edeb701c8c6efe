package io.airlock.trivydb.registry;

import io.airlock.oci.GarbageCollector;
import io.airlock.oci.Registry;
import io.airlock.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Wires the registry core of libs/oci over this service's {@link BlobStore}. */
@ApplicationScoped
public class RegistryProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    Registry registry(BlobStore store, Clock clock) {
        return new Registry(store, clock);
    }

    @Produces
    @ApplicationScoped
    GarbageCollector garbageCollector(Registry registry, Clock clock) {
        return new GarbageCollector(registry, clock);
    }
}
