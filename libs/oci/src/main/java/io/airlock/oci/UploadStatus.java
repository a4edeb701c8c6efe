package io.airlock.oci;

/**
 * Where an upload stands.
 *
 * @param repository its repository
 * @param id the session id, the last segment of its URL
 * @param size how many bytes were received so far (the next chunk starts here)
 */
public record UploadStatus(RepositoryName repository, String id, long size) {
    /** The upload's URL path, for {@code Location}. */
    public String location() {
        return "/v2/" + repository.value() + "/blobs/uploads/" + id;
    }

    /** The {@code Range} header value: {@code 0-<last byte>} ({@code 0-0} before the first byte, as distribution). */
    public String range() {
        return "0-" + Math.max(0, size - 1);
    }
}
