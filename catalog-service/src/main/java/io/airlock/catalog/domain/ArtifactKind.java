package io.airlock.catalog.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What an artifact is, which decides its default freshness policy and the coverage it counts towards. */
public enum ArtifactKind {
    OPENSEARCH_PLUGIN("opensearch-plugin"),
    FALCO_DRIVER("falco-driver"),
    FALCO_RULESFILE("falco-rulesfile"),
    FALCO_PLUGIN("falco-plugin"),
    FALCO_INDEX("falco-index"),
    TRIVY_DB("trivy-db"),
    TRIVY_JAVA_DB("trivy-java-db"),
    TRIVY_CHECKS("trivy-checks"),
    FILE("file");

    private final String id;

    ArtifactKind(String id) {
        this.id = id;
    }

    /** The wire and database spelling, e.g. {@code trivy-db}. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses the wire spelling; throws {@link CatalogException} ({@link CatalogError#UNKNOWN_KIND}) naming the known
     * kinds.
     */
    @JsonCreator
    public static ArtifactKind of(String id) {
        for (ArtifactKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new CatalogException(
                CatalogError.UNKNOWN_KIND, "unknown artifact kind '" + id + "'; known kinds: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(ArtifactKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
