package io.airlock.trivydb.api;

import io.airlock.storage.StorageUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Object storage out of reach is the server's problem, not the client's: 503 with Retry-After, which registry clients
 * (Trivy included) retry. Bad input never gets here; it is an OCI error.
 */
@Provider
public class StorageFailureMapper implements ExceptionMapper<StorageUnavailableException> {
    private static final Logger LOG = Logger.getLogger(StorageFailureMapper.class);

    @Override
    public Response toResponse(StorageUnavailableException e) {
        LOG.warnf("object storage unavailable: %s", e.getMessage());
        return Response.status(503)
                .header("Retry-After", "5")
                .type("text/plain")
                .entity("object storage unavailable, retry later\n")
                .build();
    }
}
