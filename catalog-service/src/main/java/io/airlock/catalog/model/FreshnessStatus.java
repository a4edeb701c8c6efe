package io.airlock.catalog.model;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.domain.PolicyBasis;
import io.airlock.catalog.domain.StaleReason;
import java.time.Instant;

/**
 * How fresh one artifact's newest version is.
 *
 * @param ageSeconds seconds since the newest version was built upstream (else imported)
 * @param expiresAt when it becomes stale under its policy; null when the policy has no maximum age
 * @param reason why it is stale, null while fresh
 */
public record FreshnessStatus(
        long artifactId,
        ArtifactKind kind,
        String artifact,
        String version,
        String digest,
        Instant builtOrImportedAt,
        Instant validUntil,
        long ageSeconds,
        String maxAge,
        PolicyBasis basis,
        Instant expiresAt,
        boolean stale,
        StaleReason reason,
        String message) {}
