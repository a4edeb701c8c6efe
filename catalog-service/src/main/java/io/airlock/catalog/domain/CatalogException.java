package io.airlock.catalog.domain;

/** A refusal the client can act on: an error code (with its status) and a message saying what was wrong. */
public class CatalogException extends RuntimeException {
    private final CatalogError error;

    public CatalogException(CatalogError error, String message) {
        super(message);
        this.error = error;
    }

    public CatalogError error() {
        return error;
    }

    public static CatalogException badRequest(String message) {
        return new CatalogException(CatalogError.BAD_REQUEST, message);
    }

    public static CatalogException notFound(String message) {
        return new CatalogException(CatalogError.NOT_FOUND, message);
    }
}
