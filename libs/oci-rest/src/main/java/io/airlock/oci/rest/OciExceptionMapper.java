package io.airlock.oci.rest;

import io.airlock.oci.OciError;
import io.airlock.oci.OciErrors;
import io.airlock.oci.OciException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * OCI errors become HTTP: the exception's status, the spec's JSON body, and for UNAUTHORIZED the service's challenge
 * ({@link RegistryOperations#challenge}) that sends Docker/OCI clients to its credentials. A HEAD answer carries no
 * body.
 */
@Provider
public class OciExceptionMapper implements ExceptionMapper<OciException> {

    @Inject
    UriInfo uri;

    @Inject
    Request request;

    @Inject
    RegistryOperations registry;

    @Override
    public Response toResponse(OciException e) {
        Response.ResponseBuilder r = Response.status(e.status());
        if (e.error() == OciError.UNAUTHORIZED) {
            r.header("WWW-Authenticate", registry.challenge(uri.getBaseUri()));
        }
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return r.build(); // HEAD answers carry no body
        }
        return r.type(OciErrors.CONTENT_TYPE).entity(OciErrors.render(e)).build();
    }
}
