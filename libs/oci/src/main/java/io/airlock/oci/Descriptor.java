package io.airlock.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor: what a manifest says about one piece of content it points at.
 *
 * @param mediaType media type of the referenced content (required)
 * @param digest digest of the referenced content (required)
 * @param size exact size in bytes (required, not negative)
 * @param artifactType the artifact type of the referenced manifest, in referrers and indexes
 * @param annotations string annotations, may be null
 * @param urls alternative locations, may be null
 * @param platform platform of an index entry, may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        String artifactType,
        Map<String, String> annotations,
        List<String> urls,
        Platform platform) {

    public Descriptor {
        if (mediaType == null || mediaType.isBlank()) {
            throw new IllegalArgumentException("descriptor has no mediaType");
        }
        if (digest == null) {
            throw new IllegalArgumentException("descriptor has no digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("descriptor size is negative");
        }
        annotations = annotations == null ? null : Map.copyOf(annotations);
        urls = urls == null ? null : List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null);
    }

    /** Platform of an index entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Platform(
            String architecture,
            String os,
            @com.fasterxml.jackson.annotation.JsonProperty("os.version") String osVersion,
            @com.fasterxml.jackson.annotation.JsonProperty("os.features") List<String> osFeatures,
            String variant) {}
}
