package io.airlock.catalog.domain;

import io.airlock.problem.ErrorCode;

/**
 * The catalog's own error codes, each with its HTTP status; those every admin API shares (bad request, not found,
 * conflict, sign-in) are {@link io.airlock.problem.CommonError}. Rendered as RFC 9457 problem details with the type
 * {@code urn:airlock:catalog:<code>}.
 */
public enum CatalogError implements ErrorCode {
    UNKNOWN_KIND(400, "Unknown artifact kind"),
    INVALID_DIGEST(400, "Invalid digest"),
    INVALID_POLICY(400, "Invalid freshness policy"),
    INVALID_NODES(400, "Not the output of kubectl get nodes -o json"),
    INVALID_PODS(400, "Not the output of kubectl get pods -A -o json"),
    INVALID_INVENTORY(400, "Not an image list, helm template output or pod list"),
    DATABASE_UNAVAILABLE(503, "Catalog database unavailable");

    private final int status;
    private final String title;

    CatalogError(int status, String title) {
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
