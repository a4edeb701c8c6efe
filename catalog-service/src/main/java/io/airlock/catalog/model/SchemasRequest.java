package io.airlock.catalog.model;

import java.util.List;

/** The Trivy database schema versions the scanners in use read (replaces the previous declaration). */
public record SchemasRequest(List<Schema> schemas) {

    /**
     * @param kind {@code trivy-db}, {@code trivy-java-db} or {@code trivy-checks}
     * @param version the schema version, which is the tag Trivy pulls ({@code trivy-db:2})
     */
    public record Schema(String kind, Integer version) {}
}
