package io.airlock.oci;

/**
 * The error codes of the OCI distribution spec v1.1, each with the HTTP status a registry answers it with. This is
 * the one registry of codes: callers raise an {@link OciException} carrying one of these, and one renderer
 * ({@link OciErrors}) turns it into the spec's JSON body.
 */
public enum OciError {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "the operation is unsupported"),
    TOOMANYREQUESTS(429, "too many requests");

    private final int status;
    private final String message;

    OciError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status the spec pairs with this code (an {@link OciException} may override it, e.g. 416, 413). */
    public int status() {
        return status;
    }

    /** The spec's short message for this code. */
    public String message() {
        return message;
    }
}
