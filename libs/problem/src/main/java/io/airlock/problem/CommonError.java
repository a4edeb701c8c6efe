package io.airlock.problem;

/**
 * The codes every admin API answers, whatever its domain: framework refusals, malformed bodies, sign-in failures and
 * the unexpected. A service adds its own codes in an enum of its own.
 */
public enum CommonError implements ErrorCode {
    BAD_REQUEST(400, "Bad request"),
    MALFORMED_JSON(400, "Malformed JSON"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    CONTENT_TOO_LARGE(413, "Content too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    CommonError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** The code for a status the HTTP framework refused a request with, or {@code null} when there is none. */
    static CommonError forStatus(int status) {
        for (CommonError e : values()) {
            if (e.status == status && e != MALFORMED_JSON) {
                return e;
            }
        }
        return null;
    }
}
