package io.airlock.catalog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.ArtifactVersion;
import io.airlock.catalog.domain.PolicyBasis;
import io.airlock.catalog.domain.StaleReason;
import io.airlock.catalog.model.FreshnessStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessRulesTest {
    static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    static final EffectivePolicy TRIVY =
            new EffectivePolicy("kind", Duration.ofHours(24), PolicyBasis.AFTER_VALID_UNTIL);

    static Artifact artifact(Instant upstreamLatest) {
        Artifact a = new Artifact();
        a.id = 1L;
        a.kind = ArtifactKind.TRIVY_DB;
        a.name = "aquasecurity/trivy-db:2";
        a.upstreamLatestBuiltAt = upstreamLatest;
        return a;
    }

    static ArtifactVersion version(Instant built, Instant validUntil, Instant imported) {
        ArtifactVersion v = new ArtifactVersion();
        v.digest = "sha256:" + "a".repeat(64);
        v.upstreamBuiltAt = built;
        v.validUntil = validUntil;
        v.importedAt = imported;
        return v;
    }

    @Test
    void trivyDbIsFreshUntil24HoursAfterNextUpdate() {
        Instant built = NOW.minus(Duration.ofHours(40));
        ArtifactVersion v = version(built, built.plus(Duration.ofHours(24)), built);
        FreshnessStatus s = FreshnessRules.evaluate(artifact(null), v, TRIVY, NOW);
        assertFalse(s.stale());
        assertEquals(built.plus(Duration.ofHours(48)), s.expiresAt());
        assertEquals(40 * 3600, s.ageSeconds());
        assertNull(s.reason());

        FreshnessStatus later = FreshnessRules.evaluate(artifact(null), v, TRIVY, built.plus(Duration.ofHours(48)));
        assertTrue(later.stale(), "stale exactly at expiry");
        assertEquals(StaleReason.UPSTREAM_UNKNOWN, later.reason());
    }

    @Test
    void withoutValidUntilTheAgeCountsFromTheBuildElseTheImport() {
        Instant imported = NOW.minus(Duration.ofHours(30));
        FreshnessStatus s = FreshnessRules.evaluate(artifact(null), version(null, null, imported), TRIVY, NOW);
        assertTrue(s.stale());
        assertEquals(imported.plus(Duration.ofHours(24)), s.expiresAt());
    }

    @Test
    void tellsNotImportedFromUpstreamLate() {
        Instant built = NOW.minus(Duration.ofDays(5));
        ArtifactVersion v = version(built, built.plus(Duration.ofDays(1)), built);
        assertEquals(
                StaleReason.NOT_IMPORTED,
                FreshnessRules.evaluate(artifact(NOW.minus(Duration.ofHours(2))), v, TRIVY, NOW)
                        .reason());
        assertEquals(
                StaleReason.UPSTREAM_NOT_UPDATED,
                FreshnessRules.evaluate(artifact(built), v, TRIVY, NOW).reason());
    }

    @Test
    void noMaximumAgeNeverGoesStale() {
        FreshnessStatus s = FreshnessRules.evaluate(
                artifact(null), version(null, null, NOW.minus(Duration.ofDays(900))), EffectivePolicy.NEVER, NOW);
        assertFalse(s.stale());
        assertNull(s.expiresAt());
    }
}
