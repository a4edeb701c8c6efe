package io.airlock.trivydb.registry;

import io.airlock.auth.AccessDecision;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.Reference;
import io.airlock.oci.Registry;
import io.airlock.oci.RepositoryName;
import io.airlock.oci.StoredManifest;
import io.airlock.oci.Tag;
import io.airlock.oci.rest.ManifestPush;
import io.airlock.oci.rest.RegistryHooks;
import io.airlock.trivydb.auth.Challenge;
import io.airlock.trivydb.auth.RegistryAccess;
import io.airlock.trivydb.trivy.CatalogSeam;
import io.airlock.trivydb.trivy.TrivyArtifact;
import io.airlock.trivydb.trivy.TrivyDbFacts;
import io.airlock.trivydb.trivy.TrivyDbInspector;
import io.airlock.trivydb.trivy.TrivyMetrics;
import io.airlock.trivydb.trivy.TrivyStatusStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * This registry's own rules on top of the shared {@code /v2} layer of libs/oci-rest: who may do what
 * ({@link RegistryAccess}: Basic credentials or the tokens of this service, with the Bearer {@link Challenge}), and
 * Trivy awareness on manifest pushes (validation, metadata facts, metrics, the catalog seam).
 */
@ApplicationScoped
public class TrivyRegistry implements RegistryHooks {
    private static final Logger LOG = Logger.getLogger(TrivyRegistry.class);

    private final RegistryAccess access;
    private final Challenge challenge;
    private final TrivyDbInspector inspector;
    private final TrivyStatusStore statuses;
    private final TrivyMetrics metrics;
    private final CatalogSeam catalog;
    private final Clock clock;

    public TrivyRegistry(
            Registry registry,
            RegistryAccess access,
            Challenge challenge,
            TrivyStatusStore statuses,
            TrivyMetrics metrics,
            CatalogSeam catalog,
            Clock clock) {
        this.access = access;
        this.challenge = challenge;
        this.inspector = new TrivyDbInspector(registry);
        this.statuses = statuses;
        this.metrics = metrics;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public AccessDecision decideRead() {
        return access.decideRead();
    }

    @Override
    public AccessDecision decideWrite() {
        return access.decideWrite();
    }

    /** Any request without valid credentials (Basic or a token) gets the Bearer challenge, even when anonymous pulls are allowed. */
    @Override
    public AccessDecision decidePing() {
        return access.decidePing();
    }

    @Override
    public String challenge(URI baseUri) {
        return challenge.header(baseUri);
    }

    /** A Trivy DB or Java DB push is held to Trivy's rules; its facts are recorded once it is stored. */
    @Override
    public ManifestPush manifestPush(RepositoryName repository, Reference reference) {
        Optional<TrivyArtifact> trivy = TrivyArtifact.of(repository);
        if (trivy.isEmpty()) {
            return ManifestPush.NONE;
        }
        return new ManifestPush() {
            private TrivyDbFacts facts;

            @Override
            public void check(RepositoryName repo, Digest digest, Manifest manifest) throws IOException {
                // Referrers (signatures, SBOMs) may sit beside a DB; only the DB itself is held to Trivy's rules.
                if (manifest.subject() == null) {
                    facts = inspector.inspect(repo, trivy.get(), digest, manifest);
                }
            }

            @Override
            public void pushed(StoredManifest stored, Manifest manifest) {
                if (facts != null) {
                    String tag = reference instanceof Tag t ? t.value() : null;
                    recordTrivyPush(facts.withTag(tag, stored.digest().toString(), clock.instant()));
                }
            }
        };
    }

    private void recordTrivyPush(TrivyDbFacts facts) {
        try {
            statuses.record(facts);
            metrics.update(facts);
        } catch (IOException e) {
            // The push itself succeeded; the facts are restored by the next push (or catalog reconciliation).
            LOG.warnf("pushed %s but could not record its Trivy facts: %s", facts.repository(), e.getMessage());
        }
        catalog.trivyArtifactPushed(facts); // queued, never blocks the push
    }
}
