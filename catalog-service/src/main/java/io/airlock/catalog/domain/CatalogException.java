package io.airlock.catalog.domain;

import io.airlock.problem.CommonError;
import io.airlock.problem.ErrorCode;
import io.airlock.problem.ProblemException;

/** A refusal the client can act on: an error code (with its status) and a message saying what was wrong. */
public class CatalogException extends ProblemException {

    public CatalogException(ErrorCode error, String message) {
        super(error, message);
    }

    public static CatalogException badRequest(String message) {
        return new CatalogException(CommonError.BAD_REQUEST, message);
    }

    public static CatalogException notFound(String message) {
        return new CatalogException(CommonError.NOT_FOUND, message);
    }
}
