package io.airlock.catalog.data;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An OpenSearch version the platform runs: each needs its plugins at exactly that version. */
@Entity
@Table(name = "opensearch_version")
public class OpenSearchVersion extends PanacheEntityBase {
    @Id
    public String version;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;
}
