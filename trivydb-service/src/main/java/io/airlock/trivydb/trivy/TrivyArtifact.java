package io.airlock.trivydb.trivy;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.oci.RepositoryName;
import java.util.Optional;

/**
 * The Trivy artifacts this registry knows, told apart by the repository name's ending, each with the one layer media
 * type Trivy accepts (Trivy's own source is the authority; see PROTOCOLS.md).
 */
public enum TrivyArtifact {
    /** {@code aquasecurity/trivy-db}: {@code db.tar.gz} holding {@code trivy.db} and {@code metadata.json}. */
    DB(ArtifactKind.TRIVY_DB, "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip", true),
    /** {@code aquasecurity/trivy-java-db}: {@code javadb.tar.gz} holding {@code trivy-java.db} and metadata. */
    JAVA_DB(ArtifactKind.TRIVY_JAVA_DB, "application/vnd.aquasec.trivy.javadb.layer.v1.tar+gzip", true),
    /** {@code aquasecurity/trivy-checks}: a policy bundle; it has no {@code metadata.json}. */
    CHECKS(ArtifactKind.TRIVY_CHECKS, "application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip", false);

    private final ArtifactKind kind;
    private final String suffix;
    private final String layerMediaType;
    private final boolean hasMetadata;

    /** The repository name ends with the kind's id ({@code aquasecurity/trivy-java-db}). */
    TrivyArtifact(ArtifactKind kind, String layerMediaType, boolean hasMetadata) {
        this.kind = kind;
        this.suffix = kind.id();
        this.layerMediaType = layerMediaType;
        this.hasMetadata = hasMetadata;
    }

    /** The kind of Trivy artifact {@code repo} holds, if its name ends with one of the known names. */
    public static Optional<TrivyArtifact> of(RepositoryName repo) {
        for (TrivyArtifact a : values()) {
            if (repo.value().endsWith(a.suffix)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The artifact kind the catalog records it as. */
    public ArtifactKind catalogKind() {
        return kind;
    }

    public String layerMediaType() {
        return layerMediaType;
    }

    /** Whether its layer carries a {@code metadata.json} with UpdatedAt and NextUpdate. */
    public boolean hasMetadata() {
        return hasMetadata;
    }
}
