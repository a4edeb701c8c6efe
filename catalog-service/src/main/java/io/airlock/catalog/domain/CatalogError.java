package io.airlock.catalog.domain;

/**
 * Every error the catalog answers on purpose, each with its HTTP status; rendered as RFC 9457 problem details (the
 * {@code type} is {@code urn:airlock:catalog:<code>}) by one mapper.
 */
public enum CatalogError {
    BAD_REQUEST(400, "Bad request"),
    MALFORMED_JSON(400, "Malformed JSON"),
    UNKNOWN_KIND(400, "Unknown artifact kind"),
    INVALID_DIGEST(400, "Invalid digest"),
    INVALID_POLICY(400, "Invalid freshness policy"),
    INVALID_NODES(400, "Not the output of kubectl get nodes -o json"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INTERNAL(500, "Internal error"),
    DATABASE_UNAVAILABLE(503, "Catalog database unavailable");

    private final int status;
    private final String title;

    CatalogError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type} URI. */
    public String type() {
        return "urn:airlock:catalog:" + name().toLowerCase().replace('_', '-');
    }
}
