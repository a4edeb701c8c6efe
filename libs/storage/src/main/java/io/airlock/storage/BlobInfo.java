package io.airlock.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One published version of a key.
 *
 * @param key the key it is published under
 * @param size exact size in bytes
 * @param sha256 lowercase hex sha256 of the content
 * @param sha512 lowercase hex sha512 of the content
 * @param lastModified when this version was published
 * @param version an opaque backend token that identifies this exact version (used by {@link BlobStore#open})
 */
public record BlobInfo(String key, long size, String sha256, String sha512, Instant lastModified, String version) {
    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sha512, "sha512");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(version, "version");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
