package io.airlock.catalog.model;

import java.time.Instant;
import java.util.List;

/** Freshness of every artifact, stale ones first. */
public record FreshnessReport(Instant evaluatedAt, int stale, List<FreshnessStatus> artifacts) {}
