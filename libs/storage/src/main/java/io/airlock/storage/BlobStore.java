package io.airlock.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where Airlock keeps bytes: a flat namespace of keys ({@code a/b/file.zip}, see {@link BlobKeys}) on object storage or
 * a local disk.
 *
 * <p>What every implementation guarantees, and the contract test checks:
 *
 * <ul>
 *   <li>A key becomes visible only after {@link #put} has read its whole content and verified the expected size and
 *       sha256. A failed, interrupted or mismatched put leaves nothing visible and the previous content under the key
 *       intact.
 *   <li>{@link #open} reads exactly the version described by the {@link BlobInfo} it is given: a concurrent overwrite
 *       never mixes two versions in one read ({@link BlobChangedException} instead).
 *   <li>Memory does not grow with content size: everything streams.
 * </ul>
 */
public interface BlobStore {

    /**
     * Streams {@code content} to the store and publishes it atomically under {@code key}, replacing any previous
     * content. Both sha256 and sha512 are computed while writing.
     *
     * @throws BlobVerificationException when the content does not match {@code expected} (nothing is published)
     * @throws InvalidKeyException when {@code key} is not a valid key
     */
    BlobInfo put(String key, InputStream content, Expectation expected) throws IOException;

    /** The current version under {@code key}, or empty. */
    Optional<BlobInfo> stat(String key) throws IOException;

    /**
     * Like {@link #stat}, for a key whose content never changes once published: a content-addressed key such as a
     * registry's {@code blobs/sha256/<hex>}. A backend may answer from memory what it saw before (no round trip to
     * object storage), forgetting it when this process replaces or deletes the key or finds the version gone. Use it
     * only where answering for a version that another replica deleted meanwhile is harmless (the bytes a digest names
     * are still those bytes) — never for a key whose content may be replaced, such as a file path or a tag.
     */
    default Optional<BlobInfo> statImmutable(String key) throws IOException {
        return stat(key);
    }

    /**
     * The whole content of a small object under {@code key} (a tag, a link, a session document), or empty when there is
     * none: one published version, read in one round trip to the backend where it allows (S3: one GET instead of a
     * HEAD and a GET).
     *
     * @throws StorageException when the content is larger than {@code maxBytes}
     */
    default Optional<byte[]> readSmall(String key, int maxBytes) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Optional<BlobInfo> info = stat(key);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            if (info.get().size() > maxBytes) {
                throw new StorageException(key + " has " + info.get().size() + " bytes, more than " + maxBytes);
            }
            try (InputStream in = open(info.get(), 0, info.get().size())) {
                return Optional.of(in.readAllBytes());
            } catch (BlobChangedException e) {
                if (attempt >= 2) { // replaced again and again while we read
                    throw e;
                }
            }
        }
    }

    /**
     * Opens {@code length} bytes starting at {@code offset} of exactly the version {@code blob} describes. The caller
     * closes the stream.
     *
     * @throws BlobChangedException when that version is gone (deleted or replaced since {@link #stat})
     */
    InputStream open(BlobInfo blob, long offset, long length) throws IOException;

    /**
     * An immutable local file holding exactly {@code blob}'s content, when the backend has one, so that callers may
     * hand it to the kernel for a zero-copy send. The file must only be read.
     */
    default Optional<Path> localFile(BlobInfo blob) {
        return Optional.empty();
    }

    /**
     * Lists what is under the directory {@code prefix} ({@code ""} for the root, else a key prefix ending in {@code /}).
     * Recursive listings hold only files; non-recursive ones hold the immediate files and sub-directories. Order is
     * lexicographic by key. The caller closes the stream.
     */
    Stream<Entry> list(String prefix, boolean recursive) throws IOException;

    /** Removes {@code key}; true when it existed. */
    boolean delete(String key) throws IOException;

    /** A short description for logs and health checks, e.g. {@code filesystem:/data/files}. */
    String describe();

    /** Cheap liveness probe of the backend (the bucket or directory is reachable and usable). */
    void ping() throws IOException;
}
