package io.airlock.catalog.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How a service reaches the catalog (environment: {@code AIRLOCK_CATALOG_CLIENT_URL}, ...). Without a URL no
 * notification is sent; the catalog's reconciliation still finds what was published.
 */
@ConfigMapping(prefix = "airlock.catalog-client")
public interface CatalogClientConfig {
    /** The catalog's base URL, e.g. {@code http://catalog-service:8083}. */
    Optional<URI> url();

    /** User for the catalog's writes; the suite's admin user by default. */
    @WithDefault("${airlock.admin.user:admin}")
    String user();

    /**
     * Password for the catalog's writes; the suite's admin password by default. Empty when the service was given only
     * the admin password's hash ({@code AIRLOCK_ADMIN_PASSWORD_HASH}): the service then starts, and its notices are
     * refused until this is set (the catalog's reconciliation still finds what was published).
     */
    @WithDefault("${airlock.admin.password:}")
    Optional<String> password();

    /** Notices waiting at most; further ones are dropped with a log line. */
    @WithDefault("1000")
    int queueCapacity();

    /** Deliveries tried per notice. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait after the first failed delivery, doubled after each further one. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Timeout of one request to the catalog. */
    @WithDefault("5s")
    Duration timeout();
}
