package io.airlock.catalog.service;

import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.ArtifactVersion;
import io.airlock.catalog.domain.PolicyBasis;
import io.airlock.catalog.domain.StaleReason;
import io.airlock.catalog.model.FreshnessStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When an artifact is stale, and why. Pure: the same inputs always give the same answer, so the rules are unit
 * tested without a clock or a database.
 *
 * <ul>
 *   <li>Age counts from upstream's build time when known ({@code upstreamBuiltAt}, Trivy's UpdatedAt), else from the
 *       import.
 *   <li>Basis {@code age}: stale once age reaches the maximum. Basis {@code after-valid-until}: stale once the
 *       version's {@code validUntil} (Trivy's NextUpdate) lies the maximum age in the past; without a validUntil it
 *       falls back to age.
 *   <li>Why: if the catalog was told what upstream last built, a newer build means "nobody imported it", the same
 *       build means "upstream has not produced a new one"; otherwise it cannot tell.
 * </ul>
 */
public final class FreshnessRules {
    private FreshnessRules() {}

    public static FreshnessStatus evaluate(
            Artifact artifact, ArtifactVersion newest, EffectivePolicy policy, Instant now) {
        Instant born = newest.builtOrImportedAt();
        long age = Math.max(0, Duration.between(born, now).toSeconds());
        Instant expiresAt = null;
        if (policy.maxAge() != null) {
            Instant reference = policy.basis() == PolicyBasis.AFTER_VALID_UNTIL && newest.validUntil != null
                    ? newest.validUntil
                    : born;
            expiresAt = reference.plus(policy.maxAge());
        }
        boolean stale = expiresAt != null && !now.isBefore(expiresAt);
        StaleReason reason = null;
        String message;
        String what = artifact.kind.id() + " " + artifact.name;
        if (!stale) {
            message = expiresAt == null ? what + " never goes stale by age" : what + " is fresh until " + expiresAt;
        } else {
            Instant upstream = artifact.upstreamLatestBuiltAt;
            String since = what + " is stale since " + expiresAt + " (newest here built " + born
                    + (newest.validUntil != null ? ", valid until " + newest.validUntil : "") + ")";
            if (upstream == null) {
                reason = StaleReason.UPSTREAM_UNKNOWN;
                message = since + "; the catalog does not know whether upstream has a newer version: import one"
                        + " or report upstream's latest build";
            } else if (upstream.isAfter(born)) {
                reason = StaleReason.NOT_IMPORTED;
                message = since + "; upstream built a newer version at " + upstream + " but nobody imported it";
            } else {
                reason = StaleReason.UPSTREAM_NOT_UPDATED;
                message = since + "; it is what upstream last built: upstream has not produced a new version";
            }
        }
        return new FreshnessStatus(
                artifact.id,
                artifact.kind,
                artifact.name,
                newest.version,
                newest.digest,
                born,
                newest.validUntil,
                age,
                policy.maxAge() == null ? null : policy.maxAge().toString(),
                policy.basis(),
                expiresAt,
                stale,
                reason,
                message);
    }
}
