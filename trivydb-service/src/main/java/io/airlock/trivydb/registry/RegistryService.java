package io.airlock.trivydb.registry;

import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.ManifestCheck;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.Reference;
import io.airlock.oci.Registry;
import io.airlock.oci.RepositoryName;
import io.airlock.oci.StoredManifest;
import io.airlock.oci.Tag;
import io.airlock.oci.TagPage;
import io.airlock.oci.UploadStatus;
import io.airlock.oci.rest.RegistryOperations;
import io.airlock.storage.BlobInfo;
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
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The registry's rules between the HTTP resources and the registry core: who may do what ({@link RegistryAccess}),
 * parsing of names and references, and Trivy awareness on manifest pushes (validation, metadata facts, metrics, the
 * catalog seam). The shared {@code /v2} resources of libs/oci-rest call it through {@link RegistryOperations}.
 */
@ApplicationScoped
public class RegistryService implements RegistryOperations {
    private static final Logger LOG = Logger.getLogger(RegistryService.class);

    private final Registry registry;
    private final RegistryAccess access;
    private final Challenge challenge;
    private final TrivyDbInspector inspector;
    private final TrivyStatusStore statuses;
    private final TrivyMetrics metrics;
    private final CatalogSeam catalog;
    private final Clock clock;

    public RegistryService(
            Registry registry,
            RegistryAccess access,
            Challenge challenge,
            TrivyStatusStore statuses,
            TrivyMetrics metrics,
            CatalogSeam catalog,
            Clock clock) {
        this.registry = registry;
        this.access = access;
        this.challenge = challenge;
        this.inspector = new TrivyDbInspector(registry);
        this.statuses = statuses;
        this.metrics = metrics;
        this.catalog = catalog;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- access

    /** Any request without valid credentials gets the Bearer challenge, even when anonymous pulls are allowed. */
    @Override
    public void ping() {
        if (access.grant() == RegistryAccess.Grant.NONE) {
            throw new OciException(OciError.UNAUTHORIZED, "authenticate at the token endpoint");
        }
    }

    @Override
    public String challenge(URI baseUri) {
        return challenge.header(baseUri);
    }

    // ---------------------------------------------------------------- blobs

    @Override
    public BlobInfo blob(String name, String digest) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        Digest d = Digest.parse(digest);
        access.requireRead();
        return registry.requireBlob(repo, d);
    }

    @Override
    public Registry core() {
        return registry;
    }

    @Override
    public void deleteBlob(String name, String digest) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        Digest d = Digest.parse(digest);
        access.requireWrite();
        registry.deleteBlob(repo, d);
    }

    // ---------------------------------------------------------------- uploads

    @Override
    public UploadStart startUpload(
            String name, String digest, String mount, String from, InputStream body, long contentLength)
            throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        access.requireWrite();
        if (mount != null) {
            Digest d = Digest.parse(mount);
            if (from != null && registry.mount(repo, d, RepositoryName.parse(from))) {
                return new UploadStart.Created(d);
            }
            return new UploadStart.Started(registry.startUpload(repo));
        }
        if (digest != null) {
            Digest d = Digest.parse(digest);
            registry.putBlob(repo, d, body, contentLength);
            return new UploadStart.Created(d);
        }
        return new UploadStart.Started(registry.startUpload(repo));
    }

    @Override
    public UploadStatus uploadStatus(String name, String id) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        access.requireWrite();
        return registry.uploadStatus(repo, id);
    }

    @Override
    public UploadStatus appendChunk(String name, String id, String contentRange, InputStream body, long length)
            throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        access.requireWrite();
        OptionalLong start = OptionalLong.empty();
        OptionalLong end = OptionalLong.empty();
        if (contentRange != null && !contentRange.isBlank()) {
            long[] range = ContentRange.parse(contentRange);
            start = OptionalLong.of(range[0]);
            end = OptionalLong.of(range[1]);
        }
        return registry.appendChunk(repo, id, start, end, body, length);
    }

    @Override
    public Digest completeUpload(String name, String id, String digest, InputStream body, long length)
            throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        access.requireWrite();
        if (digest == null || digest.isBlank()) {
            throw new OciException(OciError.DIGEST_INVALID, "completing an upload needs ?digest=");
        }
        Digest d = Digest.parse(digest);
        registry.completeUpload(repo, id, d, body, length);
        return d;
    }

    @Override
    public void cancelUpload(String name, String id) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        access.requireWrite();
        registry.cancelUpload(repo, id);
    }

    // ---------------------------------------------------------------- manifests

    @Override
    public StoredManifest manifest(String name, String reference) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        Reference ref = Reference.parse(reference);
        access.requireRead();
        return registry.requireManifest(repo, ref);
    }

    @Override
    public PushedManifest putManifest(
            String name, String reference, String contentType, InputStream body, long contentLength)
            throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        Reference ref = Reference.parse(reference);
        access.requireWrite();
        Optional<TrivyArtifact> trivy = TrivyArtifact.of(repo);
        AtomicReference<TrivyDbFacts> facts = new AtomicReference<>();
        AtomicReference<Manifest> parsed = new AtomicReference<>();
        ManifestCheck check = (r, digest, manifest) -> {
            parsed.set(manifest);
            // Referrers (signatures, SBOMs) may sit beside a DB; only the DB itself is held to Trivy's rules.
            if (trivy.isPresent() && manifest.subject() == null) {
                facts.set(inspector.inspect(r, trivy.get(), digest, manifest));
            }
        };
        StoredManifest stored = registry.putManifest(repo, ref, contentType, body, contentLength, check);
        if (facts.get() != null) {
            String tag = ref instanceof Tag t ? t.value() : null;
            recordTrivyPush(facts.get().withTag(tag, stored.digest().toString(), clock.instant()));
        }
        Manifest m = parsed.get();
        return new PushedManifest(
                stored, Optional.ofNullable(m == null ? null : m.subject()).map(s -> s.digest()));
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

    @Override
    public void deleteManifest(String name, String reference) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        Reference ref = Reference.parse(reference);
        access.requireWrite();
        registry.deleteManifest(repo, ref);
    }

    // ---------------------------------------------------------------- listings

    @Override
    public TagPage tags(String name, int n, String last) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        access.requireRead();
        return registry.tags(repo, n, last);
    }

    @Override
    public Manifest.Index referrers(String name, String digest, String artifactType) throws IOException {
        RepositoryName repo = RepositoryName.parse(name);
        Digest d = Digest.parse(digest);
        access.requireRead();
        return registry.referrers(repo, d, Optional.ofNullable(artifactType).filter(s -> !s.isBlank()));
    }
}
