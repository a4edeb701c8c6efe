package io.airlock.trivydb.trivy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the registry learned about a Trivy artifact when it was pushed, kept in object storage next to the
 * repository so that every replica reports the same.
 *
 * @param repository the repository, e.g. {@code aquasecurity/trivy-db}
 * @param artifact which Trivy artifact it is
 * @param tag the tag it was pushed under (null when pushed by digest)
 * @param manifestDigest the manifest's digest
 * @param layerDigest the single layer's digest
 * @param layerSize the layer's size in bytes
 * @param version the DB schema version from {@code metadata.json} (null for checks bundles)
 * @param updatedAt {@code UpdatedAt} from {@code metadata.json}: when upstream built the DB
 * @param nextUpdate {@code NextUpdate} from {@code metadata.json}: after this, clients try to download again on
 *     every scan
 * @param pushedAt when it was pushed here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrivyDbFacts(
        String repository,
        TrivyArtifact artifact,
        String tag,
        String manifestDigest,
        String layerDigest,
        long layerSize,
        Integer version,
        Instant updatedAt,
        Instant nextUpdate,
        Instant pushedAt) {

    /** The instant its age counts from: the DB's own build time where it has one, else the push. */
    public Instant freshAsOf() {
        return updatedAt != null ? updatedAt : pushedAt;
    }

    public TrivyDbFacts withTag(String tag, String manifestDigest, Instant pushedAt) {
        return new TrivyDbFacts(
                repository,
                artifact,
                tag,
                manifestDigest,
                layerDigest,
                layerSize,
                version,
                updatedAt,
                nextUpdate,
                pushedAt);
    }
}
