package io.airlock.catalog.model;

import java.util.List;

/** The OpenSearch versions in use (replaces the previous declaration). */
public record OpenSearchVersionsRequest(List<String> versions) {}
