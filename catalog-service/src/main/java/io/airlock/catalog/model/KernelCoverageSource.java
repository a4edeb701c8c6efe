package io.airlock.catalog.model;

import java.time.Instant;

/**
 * Where a coverage report's kernels and {@code falco-driver} gaps come from: falco-index-service computes kernel
 * coverage and the catalog reports what it answered.
 *
 * @param source the endpoint asked, null when none is configured
 * @param state {@code current} (answered now), {@code stale} (not reachable now: its last answer, of
 *     {@code computedAt}, is reported), {@code unavailable} (never answered since the catalog started), {@code no-nodes}
 *     (no node set declared to it), {@code not-configured}
 * @param computedAt when falco-index-service computed the coverage reported; null when none is reported
 * @param error why the last request failed; null when it did not
 */
public record KernelCoverageSource(String source, String state, Instant computedAt, String error) {
    public static final String CURRENT = "current";
    public static final String STALE = "stale";
    public static final String UNAVAILABLE = "unavailable";
    public static final String NO_NODES = "no-nodes";
    public static final String NOT_CONFIGURED = "not-configured";

    /** Whether the report's kernel coverage is what falco-index-service would answer now. */
    public boolean known() {
        return !state.equals(STALE) && !state.equals(UNAVAILABLE);
    }
}
