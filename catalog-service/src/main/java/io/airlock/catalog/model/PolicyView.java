package io.airlock.catalog.model;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.domain.PolicyBasis;
import java.time.Instant;

/**
 * A policy as it applies.
 *
 * @param scope {@code kind} or {@code artifact}
 * @param maxAge ISO-8601 duration, null when never stale
 */
public record PolicyView(
        String scope,
        ArtifactKind kind,
        Long artifactId,
        String artifact,
        String maxAge,
        Long maxAgeSeconds,
        PolicyBasis basis,
        Instant updatedAt) {}
