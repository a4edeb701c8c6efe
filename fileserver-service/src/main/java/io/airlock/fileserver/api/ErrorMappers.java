package io.airlock.fileserver.api;

import io.airlock.auth.AccessDecision;
import io.airlock.auth.AccessRefusedException;
import io.airlock.auth.Refusals;
import io.airlock.fileserver.files.BadRequestException;
import io.airlock.fileserver.metrics.FileMetrics;
import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobVerificationException;
import io.airlock.storage.InvalidKeyException;
import io.airlock.storage.KeyConflictException;
import io.airlock.storage.StorageFullException;
import io.airlock.storage.StorageUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of the file server, rendered in its one format ({@link PlainText}) with the status it deserves. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    FileMetrics metrics;

    @ServerExceptionMapper
    public Response invalidPath(InvalidKeyException e) {
        return bad("Bad Request: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return bad("Bad Request: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response badNumber(NumberFormatException e) {
        return bad("Bad Request: malformed number in a header");
    }

    /**
     * What the HTTP framework refuses before a resource runs (a method no file supports, a Content-Type it cannot
     * parse, an Accept it cannot meet): the same status, in plain text like every other answer here.
     */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            metrics.error("internal");
            LOG.warnf(e, "framework error");
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        Response plain = PlainText.response(status, status + " " + info.getReasonPhrase(), true);
        Response.ResponseBuilder r = Response.fromResponse(plain);
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            r.header("Allow", allow);
        }
        return r.build();
    }

    /** A read or write the access rule refused: plain text, with the status and challenge libs/auth gives it. */
    @ServerExceptionMapper
    public Response refused(AccessRefusedException e) {
        return signIn(e);
    }

    /** A wrong user name or password that surfaced outside the access check (authentication is lazy). */
    @ServerExceptionMapper
    public Response refused(AuthenticationFailedException e) {
        return signIn(e);
    }

    private Response signIn(Throwable e) {
        metrics.error("unauthorized");
        AccessDecision refusal = Refusals.of(e).orElseThrow();
        String title = refusal.status() == 403 ? "Forbidden: " : "Authentication required: ";
        Response.ResponseBuilder r =
                Response.fromResponse(PlainText.response(refusal.status(), title + refusal.reason(), true));
        Refusals.basicChallenge(refusal).ifPresent(c -> r.header(HttpHeaders.WWW_AUTHENTICATE, c));
        return r.build();
    }

    @ServerExceptionMapper
    public Response verification(BlobVerificationException e) {
        return bad("Bad Request: " + e.getMessage() + "; nothing was stored");
    }

    @ServerExceptionMapper
    public Response conflict(KeyConflictException e) {
        metrics.error("conflict");
        return PlainText.response(409, "Conflict: " + e.getMessage(), true);
    }

    @ServerExceptionMapper
    public Response full(StorageFullException e) {
        metrics.error("storage");
        LOG.errorf("storage full: %s", e.getMessage());
        return PlainText.response(507, "Insufficient Storage: no space left in storage; nothing was stored", true);
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        metrics.error("storage");
        LOG.warnf("storage unavailable: %s", e.getMessage());
        return retryLater("Service Unavailable: object storage is unreachable, retry later");
    }

    @ServerExceptionMapper
    public Response changed(BlobChangedException e) {
        metrics.error("storage");
        return retryLater("Service Unavailable: the file is being replaced, retry");
    }

    @ServerExceptionMapper
    public Response io(IOException e) {
        if (String.valueOf(e.getMessage()).contains("No space left")) {
            metrics.error("storage");
            LOG.errorf("storage full: %s", e.getMessage());
            return PlainText.response(507, "Insufficient Storage: nothing was stored", true);
        }
        metrics.error("internal");
        LOG.warnf(e, "I/O failure");
        return PlainText.response(500, "Internal Server Error: " + e.getClass().getSimpleName(), true);
    }

    private Response bad(String message) {
        metrics.error("bad_request");
        return PlainText.response(400, message, true);
    }

    private static Response retryLater(String message) {
        return Response.fromResponse(PlainText.response(503, message, true))
                .header("Retry-After", "5")
                .build();
    }
}
