package io.airlock.trivydb.registry;

import io.airlock.oci.GarbageCollector;
import io.airlock.oci.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock and the garbage collector of this service's registry core (libs/oci-rest produces the core itself). */
@ApplicationScoped
public class RegistryProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    GarbageCollector garbageCollector(Registry registry, Clock clock) {
        return new GarbageCollector(registry, clock);
    }
}
