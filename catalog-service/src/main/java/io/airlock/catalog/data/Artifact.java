package io.airlock.catalog.data;

import io.airlock.catalog.client.ArtifactKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * Something hosted, identified by kind and name: a file server path ({@code repository-s3-2.8.0.zip}, a driver path),
 * or a repository and tag ({@code aquasecurity/trivy-db:2}).
 */
@Entity
@Table(name = "artifact")
public class Artifact extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public ArtifactKind kind;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "upstream_latest_built_at")
    public Instant upstreamLatestBuiltAt;

    @Column(name = "upstream_checked_at")
    public Instant upstreamCheckedAt;

    public static Optional<Artifact> findByKindAndName(ArtifactKind kind, String name) {
        return find("kind = ?1 and name = ?2", kind, name).firstResultOptional();
    }
}
