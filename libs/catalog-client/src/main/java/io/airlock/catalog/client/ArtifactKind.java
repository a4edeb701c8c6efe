package io.airlock.catalog.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an artifact is, spelled once for the whole suite: the services tell the catalog the kind of what they published,
 * the catalog decides by it the default freshness policy and the coverage an artifact counts towards, labels its
 * metrics with it, and the bundle tool records it for each item it carries. The {@link #id() id} is the spelling on the
 * wire, in the catalog's database and in metric labels; it never changes for an existing kind.
 */
public enum ArtifactKind {
    OPENSEARCH_PLUGIN("opensearch-plugin"),
    FALCO_DRIVER("falco-driver"),
    FALCO_RULESFILE("falco-rulesfile"),
    FALCO_PLUGIN("falco-plugin"),
    FALCO_INDEX("falco-index"),
    TRIVY_DB("trivy-db"),
    TRIVY_JAVA_DB("trivy-java-db"),
    TRIVY_CHECKS("trivy-checks"),
    /** A container image (or image index) under its upstream name, e.g. {@code docker.io/library/nginx}. */
    CONTAINER_IMAGE("container-image"),
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

    /** The kind spelled {@code id}; empty for null or an unknown spelling (the caller says what is wrong, and how). */
    public static Optional<ArtifactKind> find(String id) {
        for (ArtifactKind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Every known spelling, comma-separated, for error messages. */
    public static String known() {
        return Arrays.stream(values()).map(ArtifactKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
