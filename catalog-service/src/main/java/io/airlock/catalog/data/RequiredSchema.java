package io.airlock.catalog.data;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.domain.Kinds;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A Trivy database schema version the scanners in use read (Trivy DB 2, Java DB 1): its tag must be hosted. */
@Entity
@Table(name = "required_schema")
@IdClass(RequiredSchema.Key.class)
public class RequiredSchema extends PanacheEntityBase {
    /** The kind's wire spelling (an id column cannot use the kind converter). */
    @Id
    public String kind;

    @Id
    @Column(name = "schema_version")
    public int schemaVersion;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    public ArtifactKind artifactKind() {
        return Kinds.of(kind);
    }

    public static class Key implements Serializable {
        public String kind;
        public int schemaVersion;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind.equals(kind) && k.schemaVersion == schemaVersion;
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + schemaVersion;
        }
    }
}
