package io.airlock.falco.drivers;

/** CDI event: the set of hosted drivers changed (an upload, an import, a delete). */
public record DriversChanged(int count) {}
