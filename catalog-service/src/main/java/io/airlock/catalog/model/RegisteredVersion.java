package io.airlock.catalog.model;

/** The outcome of a registration: the version, and whether it was new. */
public record RegisteredVersion(VersionView version, boolean created) {}
