package io.airlock.catalog.model;

/**
 * Something in use that the air gap cannot serve.
 *
 * @param type {@code opensearch-plugin}, {@code falco-driver} or {@code trivy-schema}
 * @param subject what is in use ({@code 2.8.0}, {@code 6.8.0-79-generic/x86_64}, {@code trivy-db:2})
 * @param missing what should be hosted ({@code repository-s3-2.8.0.zip})
 * @param nodes how many nodes are affected (drivers), else 0
 * @param message one sentence for a human
 */
public record CoverageGap(String type, String subject, String missing, int nodes, String message) {}
