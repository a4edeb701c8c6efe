package io.airlock.catalog.model;

import io.airlock.catalog.client.ArtifactKind;
import java.time.Instant;

/** An artifact with its newest version. */
public record ArtifactView(
        long id,
        ArtifactKind kind,
        String name,
        Instant createdAt,
        long versions,
        VersionView newest,
        Instant upstreamLatestBuiltAt,
        Instant upstreamCheckedAt) {}
