package io.airlock.trivydb.api;

import io.airlock.storage.StorageFullException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * No space left where blobs are written: 507 Insufficient Storage, nothing was stored (the upload session, if any, is
 * intact). An operator frees space; clients retry (registry clients retry any 5xx). Never a 500.
 */
@Provider
public class StorageFullMapper implements ExceptionMapper<StorageFullException> {
    private static final Logger LOG = Logger.getLogger(StorageFullMapper.class);

    @Override
    public Response toResponse(StorageFullException e) {
        LOG.errorf("storage full: %s", e.getMessage());
        return Response.status(507)
                .type("text/plain")
                .entity("storage full: nothing was stored, retry once space is freed\n")
                .build();
    }
}
