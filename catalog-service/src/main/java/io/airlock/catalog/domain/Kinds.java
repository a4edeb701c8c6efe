package io.airlock.catalog.domain;

import io.airlock.catalog.client.ArtifactKind;

/** Reads an {@link ArtifactKind} from what a client sent, answering an unknown spelling in the catalog's own terms. */
public final class Kinds {
    private Kinds() {}

    /**
     * The kind spelled {@code id}; throws {@link CatalogException} ({@link CatalogError#UNKNOWN_KIND}) naming the known
     * kinds.
     */
    public static ArtifactKind of(String id) {
        return ArtifactKind.find(id)
                .orElseThrow(() -> new CatalogException(
                        CatalogError.UNKNOWN_KIND,
                        "unknown artifact kind '" + id + "'; known kinds: " + ArtifactKind.known()));
    }
}
