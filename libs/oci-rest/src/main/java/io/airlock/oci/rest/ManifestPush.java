package io.airlock.oci.rest;

import io.airlock.oci.Manifest;
import io.airlock.oci.ManifestCheck;
import io.airlock.oci.StoredManifest;
import java.io.IOException;

/**
 * One manifest push as a service sees it: the {@link ManifestCheck} that may refuse it before anything is published,
 * and what follows once it is stored and tagged.
 */
public interface ManifestPush extends ManifestCheck {
    /** Accepts every manifest the registry core accepts; nothing follows. */
    ManifestPush NONE = (repository, digest, manifest) -> {};

    /**
     * After the manifest was stored (and tagged, for a push by tag). The push has succeeded whatever happens here: a
     * failure is the service's to report, not the client's.
     */
    default void pushed(StoredManifest stored, Manifest manifest) throws IOException {}
}
