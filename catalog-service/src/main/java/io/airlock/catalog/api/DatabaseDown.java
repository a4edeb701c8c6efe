package io.airlock.catalog.api;

import io.airlock.catalog.data.DatabaseErrors;
import io.airlock.catalog.domain.CatalogError;
import io.airlock.problem.ProblemException;
import io.airlock.problem.ProblemTranslator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An unreachable PostgreSQL, wherever it surfaces, is a 503 that says so: the catalog recovers by itself when the
 * database is back, and serving downloads never depended on it.
 */
@ApplicationScoped
public class DatabaseDown implements ProblemTranslator {
    private static final Logger LOG = Logger.getLogger(DatabaseDown.class);
    static final String DETAIL = "the catalog's PostgreSQL database is unreachable; the catalog retries by"
            + " itself, downloads from the file server and registries are not affected";

    @Override
    public Optional<ProblemException> translate(Throwable e) {
        if (!DatabaseErrors.isUnavailable(e)) {
            return Optional.empty();
        }
        LOG.warnf("database unavailable: %s", rootMessage(e));
        return Optional.of(new ProblemException(CatalogError.DATABASE_UNAVAILABLE, DETAIL, Map.of("Retry-After", "5")));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
