package io.airlock.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an artifact is stale, as far as the catalog can tell; an alert label, so that routing can tell them apart. */
public enum StaleReason {
    /** Upstream built something newer than the newest version here: someone has to import it. */
    NOT_IMPORTED("not-imported"),
    /** The newest version here is what upstream last built: upstream is late, importing will not help. */
    UPSTREAM_NOT_UPDATED("upstream-not-updated"),
    /** Nobody told the catalog what upstream has (no {@code PUT .../upstream}). */
    UPSTREAM_UNKNOWN("upstream-unknown");

    private final String id;

    StaleReason(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
