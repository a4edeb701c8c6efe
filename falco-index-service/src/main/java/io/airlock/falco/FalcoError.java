package io.airlock.falco;

import io.airlock.problem.ErrorCode;

/**
 * falco-index-service's own error codes, each with its HTTP status; those every admin API shares (bad request, not
 * found, conflict, sign-in) are {@link io.airlock.problem.CommonError}. Rendered as RFC 9457 problem details with the
 * type {@code urn:airlock:falco-index:<code>}, so that a client (the bundle importer, a CI job) can tell a misnamed
 * driver from a damaged archive without reading the detail.
 */
public enum FalcoError implements ErrorCode {
    INVALID_DRIVER_NAME(400, "Invalid driver file name"),
    INVALID_DRIVER_VERSION(400, "Invalid driver version"),
    UNKNOWN_DRIVER_KIND(400, "Unknown driver kind"),
    UNSUPPORTED_ARCH(400, "Unsupported architecture"),
    NOT_A_DRIVER(400, "Not a driver object"),
    INVALID_ARCHIVE(400, "Unreadable driver archive"),
    INVALID_PATH(400, "Invalid path"),
    INVALID_CHECKSUM(400, "Invalid checksum"),
    CHECKSUM_MISMATCH(400, "Content does not match its checksum"),
    INVALID_NODES(400, "Not a node list"),
    INVALID_INDEX(400, "Invalid falcoctl index"),
    DRIVER_NOT_FOUND(404, "No such driver"),
    NO_NODES_DECLARED(404, "No node set declared"),
    NO_UPSTREAM_INDEX(404, "No upstream index mirrored"),
    STORAGE_UNAVAILABLE(503, "Storage unavailable"),
    FILE_BEING_REPLACED(503, "File being replaced"),
    STORAGE_FULL(507, "Insufficient storage");

    private final int status;
    private final String title;

    FalcoError(int status, String title) {
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
}
