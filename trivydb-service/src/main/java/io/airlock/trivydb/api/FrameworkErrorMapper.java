package io.airlock.trivydb.api;

import io.airlock.oci.OciError;
import io.airlock.oci.OciErrors;
import io.airlock.oci.OciException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the HTTP framework refuses before a registry resource runs (no such endpoint, a method or Content-Type an
 * endpoint does not take, an Accept it cannot meet) is answered like every other refusal of this service: the spec's
 * error JSON, code UNSUPPORTED, with the framework's status. Every endpoint of this service speaks OCI errors (the
 * status API included), so this needs no guess about the protocol.
 */
public class FrameworkErrorMapper {

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, Request request) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder r = Response.status(status);
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            r.header("Allow", allow);
        }
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return r.build();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        OciException oci = new OciException(OciError.UNSUPPORTED, status + " " + reason, status);
        return r.type(OciErrors.CONTENT_TYPE).entity(OciErrors.render(oci)).build();
    }
}
