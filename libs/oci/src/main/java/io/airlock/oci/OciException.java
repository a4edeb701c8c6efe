package io.airlock.oci;

/**
 * A refusal the client should see as an OCI error. Carries the code, a human detail and the HTTP status (the code's
 * own unless the spec asks for another one in that place, e.g. 416 for an out-of-order chunk or 413 for an oversized
 * manifest).
 */
public final class OciException extends RuntimeException {
    private final OciError error;
    private final String detail;
    private final int status;

    public OciException(OciError error, String detail) {
        this(error, detail, error.status());
    }

    public OciException(OciError error, String detail, int status) {
        super(error.name() + ": " + detail, null, false, false);
        this.error = error;
        this.detail = detail;
        this.status = status;
    }

    public OciError error() {
        return error;
    }

    /** What exactly was wrong, for humans; may be null. */
    public String detail() {
        return detail;
    }

    public int status() {
        return status;
    }
}
