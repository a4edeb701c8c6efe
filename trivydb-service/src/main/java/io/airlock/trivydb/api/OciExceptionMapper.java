package io.airlock.trivydb.api;

import io.airlock.oci.OciError;
import io.airlock.oci.OciErrors;
import io.airlock.oci.OciException;
import io.airlock.trivydb.auth.Challenge;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place OCI errors become HTTP: the exception's status, the spec's JSON body, and for UNAUTHORIZED the
 * challenge that sends Docker/OCI clients to the token endpoint.
 */
@Provider
public class OciExceptionMapper implements ExceptionMapper<OciException> {

    @Inject
    UriInfo uri;

    @Inject
    Request request;

    @Inject
    Challenge challenge;

    @Override
    public Response toResponse(OciException e) {
        Response.ResponseBuilder r = Response.status(e.status());
        if (e.error() == OciError.UNAUTHORIZED) {
            r.header("WWW-Authenticate", challenge.header(uri.getBaseUri()));
        }
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return r.build(); // HEAD answers carry no body
        }
        return r.type(OciErrors.CONTENT_TYPE).entity(OciErrors.render(e)).build();
    }
}
