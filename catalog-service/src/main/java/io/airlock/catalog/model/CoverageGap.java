package io.airlock.catalog.model;

import io.airlock.catalog.client.ArtifactKind;
import java.util.List;

/**
 * Something in use that the air gap cannot serve.
 *
 * @param type {@code opensearch-plugin}, {@code falco-driver}, {@code trivy-schema} or {@code container-image}
 * @param subject what is in use ({@code 2.8.0}, {@code 6.8.0-79-generic/x86_64}, {@code trivy-db:2}, an image
 *     reference as the pods name it, normalized)
 * @param missing what should be hosted ({@code repository-s3-2.8.0.zip}; for an image the normalized reference to
 *     carry, {@code ...@sha256:...} when the pods reported the digest they run, else {@code ...:tag})
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
    /** An image that declared pods use and the registry does not hold. */
    public static final String CONTAINER_IMAGE = ArtifactKind.CONTAINER_IMAGE.id();
    /**
     * The gap types counted by {@code airlock_coverage_gaps} and paged as {@code AirlockCoverageGap}, in the order
     * metrics list them. Image gaps have their own metric and alert ({@code airlock_catalog_images_missing},
     * {@code AirlockImageMissing}): one image per series would not fit that gauge's labels, and a missing image is
     * fixed differently (carry it in the next bundle).
     */
    public static final List<String> TYPES = List.of(OPENSEARCH_PLUGIN, FALCO_DRIVER, TRIVY_SCHEMA);
}
