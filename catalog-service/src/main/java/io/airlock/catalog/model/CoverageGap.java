package io.airlock.catalog.model;

import io.airlock.catalog.client.ArtifactKind;
import java.util.List;

/**
 * Something in use that the air gap cannot serve.
 *
 * @param type {@code opensearch-plugin}, {@code falco-driver} or {@code trivy-schema}
 * @param subject what is in use ({@code 2.8.0}, {@code 6.8.0-79-generic/x86_64}, {@code trivy-db:2})
 * @param missing what should be hosted ({@code repository-s3-2.8.0.zip})
 * @param nodes how many nodes are affected (drivers), else 0
 * @param message one sentence for a human
 */
public record CoverageGap(String type, String subject, String missing, int nodes, String message) {
    /** An OpenSearch version in use without one of its plugin zips. */
    public static final String OPENSEARCH_PLUGIN = ArtifactKind.OPENSEARCH_PLUGIN.id();
    /** Nodes whose Falco driver loader would not find its driver. */
    public static final String FALCO_DRIVER = ArtifactKind.FALCO_DRIVER.id();
    /** A Trivy schema version in use that no hosted database serves. */
    public static final String TRIVY_SCHEMA = "trivy-schema";
    /** Every gap type, in the order reports and metrics list them. */
    public static final List<String> TYPES = List.of(OPENSEARCH_PLUGIN, FALCO_DRIVER, TRIVY_SCHEMA);
}
