package io.airlock.catalog.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a service tells the catalog after publishing something (the body of {@code POST /api/v1/versions}).
 *
 * @param kind an {@link ArtifactKind#id() artifact kind id} ({@code opensearch-plugin}, {@code falco-driver},
 *     {@code trivy-db}, ...)
 * @param name artifact name: the file server path, or {@code repository:tag}
 * @param version optional label
 * @param digest {@code sha256:<64 hex>}
 * @param size bytes
 * @param mediaType optional
 * @param location where it is served
 * @param upstreamSource optional upstream reference
 * @param upstreamBuiltAt optional (Trivy's UpdatedAt)
 * @param validUntil optional (Trivy's NextUpdate)
 * @param bundle optional: the name of the bundle that brought it across the air gap ({@code airlock bundle import});
 *     services publishing inside send null
 * @param platforms optional: for a container image, the platforms it carries ({@code linux/amd64}, ...); empty for
 *     everything else
 */
public record PublishedVersion(
        String kind,
        String name,
        String version,
        String digest,
        long size,
        String mediaType,
        String location,
        String upstreamSource,
        Instant upstreamBuiltAt,
        Instant validUntil,
        String bundle,
        List<String> platforms) {
    public PublishedVersion {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(location, "location");
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** A version with no platforms (anything but a container image). */
    public PublishedVersion(
            String kind,
            String name,
            String version,
            String digest,
            long size,
            String mediaType,
            String location,
            String upstreamSource,
            Instant upstreamBuiltAt,
            Instant validUntil,
            String bundle) {
        this(
                kind,
                name,
                version,
                digest,
                size,
                mediaType,
                location,
                upstreamSource,
                upstreamBuiltAt,
                validUntil,
                bundle,
                List.of());
    }

    /** A version published inside the air gap: no bundle. */
    public PublishedVersion(
            String kind,
            String name,
            String version,
            String digest,
            long size,
            String mediaType,
            String location,
            String upstreamSource,
            Instant upstreamBuiltAt,
            Instant validUntil) {
        this(kind, name, version, digest, size, mediaType, location, upstreamSource, upstreamBuiltAt, validUntil, null);
    }

    /** A plain file as the file server publishes it. */
    public static PublishedVersion file(ArtifactKind kind, String path, String sha256Hex, long size, String location) {
        return new PublishedVersion(
                kind.id(), path, null, "sha256:" + sha256Hex, size, null, location, null, null, null);
    }
}
