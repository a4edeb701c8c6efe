package io.airlock.trivydb.trivy;

import io.airlock.oci.RepositoryName;
import java.util.Optional;

/**
 * The Trivy artifacts this registry knows, told apart by the repository name's ending, each with the one layer media
 * type Trivy accepts (Trivy's own source is the authority; see PROTOCOLS.md).
 */
public enum TrivyArtifact {
    /** {@code aquasecurity/trivy-db}: {@code db.tar.gz} holding {@code trivy.db} and {@code metadata.json}. */
    DB("trivy-db", "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip", true),
    /** {@code aquasecurity/trivy-java-db}: {@code javadb.tar.gz} holding {@code trivy-java.db} and metadata. */
    JAVA_DB("trivy-java-db", "application/vnd.aquasec.trivy.javadb.layer.v1.tar+gzip", true),
    /** {@code aquasecurity/trivy-checks}: a policy bundle; it has no {@code metadata.json}. */
    CHECKS("trivy-checks", "application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip", false);

    private final String suffix;
    private final String layerMediaType;
    private final boolean hasMetadata;

    TrivyArtifact(String suffix, String layerMediaType, boolean hasMetadata) {
        this.suffix = suffix;
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

    /** The artifact kind as catalog-service spells it (the repository ending, e.g. {@code trivy-java-db}). */
    public String catalogKind() {
        return suffix;
    }

    public String layerMediaType() {
        return layerMediaType;
    }

    /** Whether its layer carries a {@code metadata.json} with UpdatedAt and NextUpdate. */
    public boolean hasMetadata() {
        return hasMetadata;
    }
}
