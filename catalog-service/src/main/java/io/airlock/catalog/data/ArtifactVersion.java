package io.airlock.catalog.data;

import io.airlock.catalog.domain.VersionSource;
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
import java.util.List;
import java.util.Optional;

/** One published content of an artifact, identified by its digest. */
@Entity
@Table(name = "artifact_version")
public class ArtifactVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "artifact_id")
    public Artifact artifact;

    public String version;

    @Column(nullable = false)
    public String digest;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    @Column(name = "media_type")
    public String mediaType;

    @Column(nullable = false)
    public String location;

    @Column(name = "upstream_source")
    public String upstreamSource;

    /** The name of the bundle that brought this version across the air gap, or null. */
    public String bundle;

    @Column(nullable = false)
    public VersionSource source;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "upstream_built_at")
    public Instant upstreamBuiltAt;

    @Column(name = "valid_until")
    public Instant validUntil;

    /** A container image's platforms, comma-separated ({@code linux/amd64,linux/arm64}); null otherwise. */
    public String platforms;

    /** {@link #platforms} as a list, empty when unknown. */
    public List<String> platformList() {
        return platforms == null || platforms.isEmpty() ? List.of() : List.of(platforms.split(","));
    }

    /** When this content was made: upstream's build time where known, else its import. */
    public Instant builtOrImportedAt() {
        return upstreamBuiltAt != null ? upstreamBuiltAt : importedAt;
    }

    /** The newest version of every artifact (by import time, then id), with its artifact, in two queries. */
    @SuppressWarnings("unchecked")
    public static List<ArtifactVersion> newestOfEach() {
        List<Number> ids = getEntityManager()
                .createNativeQuery("select distinct on (artifact_id) id from artifact_version"
                        + " order by artifact_id, imported_at desc, id desc")
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return find(
                        "from ArtifactVersion v join fetch v.artifact where v.id in ?1",
                        ids.stream().map(Number::longValue).toList())
                .list();
    }

    public static List<ArtifactVersion> ofArtifact(Artifact artifact) {
        return list("artifact = ?1 order by importedAt desc, id desc", artifact);
    }

    public static Optional<ArtifactVersion> newest(Artifact artifact) {
        return find("artifact = ?1 order by importedAt desc, id desc", artifact).firstResultOptional();
    }

    public static Optional<ArtifactVersion> findByDigest(Artifact artifact, String digest) {
        return find("artifact = ?1 and digest = ?2", artifact, digest).firstResultOptional();
    }
}
