package io.airlock.catalog.data;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OpenSearch version the platform runs: each needs its plugins at exactly that version. With a {@link #cluster},
 * the version that Welkin service cluster runs (one per cluster); without, a version in use somewhere.
 */
@Entity
@Table(name = "opensearch_version")
public class OpenSearchVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String version;

    /** The Welkin service cluster that runs this version, or null. */
    public String cluster;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;
}
