package io.airlock.oci.rest;

import io.airlock.auth.AccessDecision;
import io.airlock.oci.Reference;
import io.airlock.oci.RepositoryName;
import java.io.IOException;
import java.net.URI;

/**
 * What a registry service adds to the shared {@code /v2} rules of {@link RegistryOperations}: who may read and write,
 * the challenge a 401 carries, which manifests it accepts and what a push or delete sets off. The one CDI bean per
 * application that implements it holds only the service's own rules; names, digests, ranges, mounts, filters and the
 * mapping of refusals to OCI errors are the shared layer's.
 */
public interface RegistryHooks {

    /** Whether the caller may pull (blobs, manifests, tags, referrers). */
    AccessDecision decideRead();

    /** Whether the caller may push or delete. */
    AccessDecision decideWrite();

    /**
     * The ping's decision ({@code GET /v2/}): by default the read decision, with a caller that sent no credentials
     * asked for some even where it may read ({@link Access#signedIn}). A service whose callers prove themselves in
     * other ways (tokens it issued) says so here.
     */
    default AccessDecision decidePing() {
        return Access.signedIn(decideRead());
    }

    /**
     * The {@code WWW-Authenticate} value of an UNAUTHORIZED answer (one of {@link io.airlock.auth.Challenges}).
     *
     * @param baseUri the URI the client used to reach this service (ends in {@code /})
     */
    String challenge(URI baseUri);

    /**
     * The rules of one manifest push to {@code repository} as {@code reference}: its check runs before anything is
     * published, its {@link ManifestPush#pushed} after. Called once per push, so the returned object may carry what
     * the check learnt to the follow-up.
     */
    default ManifestPush manifestPush(RepositoryName repository, Reference reference) {
        return ManifestPush.NONE;
    }

    /** After a manifest (by digest) or a tag was deleted. */
    default void deleted(RepositoryName repository, Reference reference) throws IOException {}
}
