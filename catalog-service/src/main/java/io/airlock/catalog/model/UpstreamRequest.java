package io.airlock.catalog.model;

import java.time.Instant;

/**
 * What upstream has most recently built, as seen by whoever can see upstream (the importer, outside the air gap).
 * Lets the freshness engine tell "upstream has not produced a new version" from "nobody imported it".
 */
public record UpstreamRequest(Instant latestBuiltAt) {}
