package io.airlock.oci.rest;

import io.airlock.oci.Registry;
import io.airlock.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The registry core of libs/oci over the application's {@link BlobStore}: the one {@link Registry} of a service. */
@ApplicationScoped
public class RegistryCore {

    @Produces
    @ApplicationScoped
    Registry registry(BlobStore store) {
        return new Registry(store, Clock.systemUTC());
    }
}
