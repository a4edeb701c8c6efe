package io.airlock.catalog.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** The one {@link CatalogNotifier} of a service; without {@code airlock.catalog-client.url} it drops every notice. */
@ApplicationScoped
public class CatalogNotifierProducer {
    private static final Logger LOG = Logger.getLogger(CatalogNotifierProducer.class);

    @Produces
    @ApplicationScoped
    CatalogNotifier notifier(CatalogClientConfig config) {
        if (config.url().isEmpty()) {
            LOG.info(
                    "airlock.catalog-client.url not set: the catalog learns about publications by reconciliation only");
        } else if (config.password().isEmpty()) {
            LOG.warn(
                    "no password for the catalog's writes (only AIRLOCK_ADMIN_PASSWORD_HASH is set): set"
                            + " AIRLOCK_CATALOG_CLIENT_PASSWORD, else the catalog learns about publications by reconciliation only");
        }
        return new CatalogNotifier(new CatalogNotifier.Settings(
                config.url().orElse(null),
                config.user(),
                config.password().orElse(""),
                config.queueCapacity(),
                config.maxAttempts(),
                config.initialBackoff(),
                config.maxBackoff(),
                config.timeout()));
    }

    void close(@Disposes CatalogNotifier notifier) {
        notifier.close();
    }
}
