package io.airlock.catalog.model;

import java.util.List;

/** An artifact, every version (newest first) and the policy that applies to it. */
public record ArtifactDetail(ArtifactView artifact, List<VersionView> versions, PolicyView policy) {}
