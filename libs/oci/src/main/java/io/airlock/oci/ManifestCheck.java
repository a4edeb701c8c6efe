package io.airlock.oci;

/**
 * A service's own rule for manifests pushed to it, run after the registry's checks (valid document, referenced
 * content present) and before anything is published. Refuse with an {@link OciException}; the push then leaves no
 * trace.
 */
@FunctionalInterface
public interface ManifestCheck {
    ManifestCheck NONE = (repo, digest, manifest) -> {};

    void check(RepositoryName repository, Digest digest, Manifest manifest) throws java.io.IOException;
}
