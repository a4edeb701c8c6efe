package io.airlock.catalog.model;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.domain.VersionSource;
import java.time.Instant;
import java.util.List;

/**
 * One version of an artifact, as the API shows it.
 *
 * @param bundle the name of the bundle that brought it across the air gap ({@code airlock bundle import}), or null
 * @param platforms a container image's platforms ({@code linux/amd64}, ...); empty for other kinds or when unknown
 */
public record VersionView(
        long id,
        long artifactId,
        ArtifactKind kind,
        String artifact,
        String version,
        String digest,
        long size,
        String mediaType,
        String location,
        String upstreamSource,
        String bundle,
        VersionSource source,
        Instant importedAt,
        Instant upstreamBuiltAt,
        Instant validUntil,
        List<String> platforms) {}
