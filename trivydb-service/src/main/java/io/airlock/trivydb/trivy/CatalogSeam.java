package io.airlock.trivydb.trivy;

import io.airlock.catalog.client.CatalogNotifier;
import io.airlock.catalog.client.PublishedVersion;
import io.airlock.trivydb.config.TrivyDbConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The seam to catalog-service: told about every Trivy artifact pushed here, so that the catalog can evaluate
 * freshness policies (from the DB's own {@code UpdatedAt}/{@code NextUpdate}) and alert. Called after the push
 * succeeded; it never blocks ({@link CatalogNotifier} queues and retries in the background, and the catalog also
 * reconciles).
 */
@ApplicationScoped
public class CatalogSeam {
    private final CatalogNotifier notifier;
    private final String publicHost;

    public CatalogSeam(CatalogNotifier notifier, TrivyDbConfig config) {
        this.notifier = notifier;
        this.publicHost = config.publicHost();
    }

    public void trivyArtifactPushed(TrivyDbFacts facts) {
        notifier.published(toNotice(facts, publicHost));
    }

    /** The catalog's view of a pushed DB: kind by repository ending, version = schema version, age from metadata. */
    static PublishedVersion toNotice(TrivyDbFacts facts, String publicHost) {
        String ref = facts.repository() + (facts.tag() != null ? ":" + facts.tag() : "@" + facts.manifestDigest());
        return new PublishedVersion(
                facts.artifact().catalogKind().id(),
                facts.repository(),
                facts.version() == null ? facts.tag() : String.valueOf(facts.version()),
                facts.layerDigest(),
                facts.layerSize(),
                facts.artifact().layerMediaType(),
                publicHost + "/" + ref,
                null,
                facts.updatedAt(),
                facts.nextUpdate());
    }
}
