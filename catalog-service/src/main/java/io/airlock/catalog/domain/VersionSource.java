package io.airlock.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the catalog learnt about a version. */
public enum VersionSource {
    /** Registered through the admin API by an operator or a CI job. */
    API("api"),
    /** Reported by the service that published it (the catalog client). */
    NOTIFICATION("notification"),
    /** Found by listing object storage. */
    RECONCILIATION("reconciliation");

    private final String id;

    VersionSource(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
