package io.airlock.catalog.model;

import java.time.Instant;

/** A declared node. */
public record NodeView(
        String name,
        String kernelRelease,
        String architecture,
        String osImage,
        String kubeletVersion,
        String containerRuntime,
        Instant declaredAt) {}
