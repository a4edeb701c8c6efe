package io.airlock.catalog.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.List;

/**
 * A published version, as an operator, a CI job or the publishing service reports it. The artifact (kind + name) is
 * created on first use. Registering the same digest again is idempotent and only fills in what was unknown.
 *
 * @param kind artifact kind, e.g. {@code trivy-db}
 * @param name artifact name: a file server path or {@code repository:tag}
 * @param version optional human label ({@code 2.8.0}, a tag)
 * @param digest {@code sha256:<64 hex>}
 * @param size bytes, at least 0
 * @param mediaType optional media type
 * @param location where it is served (URL or registry reference)
 * @param upstreamSource optional upstream URL or reference it was imported from
 * @param importedAt optional, defaults to now
 * @param upstreamBuiltAt optional, when upstream built it (Trivy's UpdatedAt)
 * @param validUntil optional, until when upstream considers it current (Trivy's NextUpdate)
 * @param bundle optional, the name of the bundle that brought it across the air gap ({@code airlock bundle import})
 * @param platforms optional, for a container image: the platforms it carries ({@code linux/amd64}); null or empty
 *     otherwise
 */
public record RegisterVersionRequest(
        String kind,
        String name,
        String version,
        String digest,
        Long size,
        String mediaType,
        String location,
        String upstreamSource,
        Instant importedAt,
        Instant upstreamBuiltAt,
        Instant validUntil,
        String bundle,
        List<String> platforms) {

    /** The JSON body binds to every component; {@code bundle} and {@code platforms} may be absent. */
    @JsonCreator
    public RegisterVersionRequest {}

    /** A registration without platforms (anything but a container image). */
    public RegisterVersionRequest(
            String kind,
            String name,
            String version,
            String digest,
            Long size,
            String mediaType,
            String location,
            String upstreamSource,
            Instant importedAt,
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
                importedAt,
                upstreamBuiltAt,
                validUntil,
                bundle,
                null);
    }

    /** A registration that no bundle brought (services, reconciliation). */
    public RegisterVersionRequest(
            String kind,
            String name,
            String version,
            String digest,
            Long size,
            String mediaType,
            String location,
            String upstreamSource,
            Instant importedAt,
            Instant upstreamBuiltAt,
            Instant validUntil) {
        this(
                kind,
                name,
                version,
                digest,
                size,
                mediaType,
                location,
                upstreamSource,
                importedAt,
                upstreamBuiltAt,
                validUntil,
                null);
    }
}
