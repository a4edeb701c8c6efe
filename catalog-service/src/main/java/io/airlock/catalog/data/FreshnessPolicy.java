package io.airlock.catalog.data;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.domain.PolicyBasis;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A maximum age for a whole kind ({@link #artifact} null) or for one artifact, which then overrides its kind's. */
@Entity
@Table(name = "freshness_policy")
public class FreshnessPolicy extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public ArtifactKind kind;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "artifact_id")
    public Artifact artifact;

    /** Null: never stale. */
    @Column(name = "max_age_seconds")
    public Long maxAgeSeconds;

    @Column(nullable = false)
    public PolicyBasis basis;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<FreshnessPolicy> forKind(ArtifactKind kind) {
        return find("kind = ?1 and artifact is null", kind).firstResultOptional();
    }

    public static Optional<FreshnessPolicy> forArtifact(Artifact artifact) {
        return find("artifact = ?1", artifact).firstResultOptional();
    }
}
