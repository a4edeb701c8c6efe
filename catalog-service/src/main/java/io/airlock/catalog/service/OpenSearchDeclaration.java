package io.airlock.catalog.service;

import java.util.List;

/**
 * The OpenSearch versions in use, as the operator declares them ({@code PUT /api/v1/coverage/opensearch-versions}). The
 * original form {@code {"versions": ["2.8.0"]}} says which versions run somewhere; {@code {"clusters": [{"name":
 * "sc-prod", "version": "2.11.1"}]}} says which version each Welkin service cluster runs. Both may be sent together;
 * either replaces the previous declaration as a whole.
 */
public record OpenSearchDeclaration(List<String> versions, List<Cluster> clusters) {
    /** The OpenSearch version one Welkin service cluster runs. */
    public record Cluster(String name, String version) {}
}
