package io.airlock.catalog.model;

/**
 * A freshness policy.
 *
 * @param maxAge ISO-8601 duration ({@code PT24H}, {@code P7D}); null or {@code none}: never stale
 * @param basis {@code age} (default) or {@code after-valid-until}
 */
public record PolicyRequest(String maxAge, String basis) {}
