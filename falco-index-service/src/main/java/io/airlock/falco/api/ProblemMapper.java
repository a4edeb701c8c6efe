package io.airlock.falco.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.airlock.falco.InvalidInputException;
import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobVerificationException;
import io.airlock.storage.InvalidKeyException;
import io.airlock.storage.KeyConflictException;
import io.airlock.storage.StorageFullException;
import io.airlock.storage.StorageUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures of the admin API become RFC 9457 {@code application/problem+json}, each with the status it deserves (the
 * registry's {@code OciException}s are rendered by libs/oci-rest's mapper in the spec's format). A bad request never
 * reaches a 500; nothing partial is ever stored (the store publishes only verified content).
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    static final String BASIC_CHALLENGE = "Basic realm=\"airlock\", charset=\"UTF-8\"";

    @Context
    HttpServerRequest request;

    @ServerExceptionMapper
    public Response problem(ApiProblem e) {
        Response r = render(e.status(), e.title(), e.getMessage());
        if (e.status() == 401) {
            return Response.fromResponse(r)
                    .header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE)
                    .build();
        }
        return r;
    }

    /** A wrong password that reached no access check of its own (authentication is lazy): 401 with the challenge. */
    @ServerExceptionMapper
    public Response wrongCredential(AuthenticationFailedException e) {
        return problem(new ApiProblem(401, "Unauthorized", "wrong user name or password"));
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return render(400, "Bad Request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidKey(InvalidKeyException e) {
        return render(400, "Bad Request", "invalid path: " + e.getMessage() + "; nothing was stored");
    }

    @ServerExceptionMapper
    public Response verification(BlobVerificationException e) {
        return render(400, "Bad Request", e.getMessage() + "; nothing was stored");
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return render(400, "Bad Request", "malformed document: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response conflict(KeyConflictException e) {
        return render(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response full(StorageFullException e) {
        LOG.errorf("storage full: %s", e.getMessage());
        return render(507, "Insufficient Storage", "storage is full; nothing was stored");
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        LOG.warnf("storage unavailable: %s", e.getMessage());
        return retryLater("object storage is unreachable, retry later");
    }

    @ServerExceptionMapper
    public Response changed(BlobChangedException e) {
        return retryLater("the file is being replaced, retry");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return render(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response io(IOException e) {
        if (StorageFullException.ifNoSpace(e) instanceof StorageFullException full) {
            return full(full);
        }
        LOG.warnf(e, "I/O failure");
        return render(500, "Internal Server Error", e.getClass().getSimpleName());
    }

    private Response retryLater(String detail) {
        return Response.fromResponse(render(503, "Service Unavailable", detail))
                .header("Retry-After", "5")
                .build();
    }

    private Response render(int status, String title, String detail) {
        String instance = request == null ? null : request.path();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance))
                .build();
    }
}
