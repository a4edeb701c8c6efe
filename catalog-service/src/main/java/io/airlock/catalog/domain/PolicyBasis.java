package io.airlock.catalog.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a freshness policy's maximum age counts from. */
public enum PolicyBasis {
    /**
     * From the version's own build time ({@code upstreamBuiltAt}), else from when it was imported: stale once older
     * than the maximum age.
     */
    AGE("age"),
    /**
     * From the version's own {@code validUntil} (Trivy's NextUpdate): stale once NextUpdate lies more than the maximum
     * age in the past. Versions that carry no validUntil fall back to {@link #AGE}.
     */
    AFTER_VALID_UNTIL("after-valid-until");

    private final String id;

    PolicyBasis(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static PolicyBasis of(String id) {
        for (PolicyBasis b : values()) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        throw new CatalogException(
                CatalogError.INVALID_POLICY, "unknown policy basis '" + id + "'; known: age, after-valid-until");
    }
}
