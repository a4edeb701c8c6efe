package io.airlock.catalog.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.airlock.catalog.data.DatabaseErrors;
import io.airlock.catalog.domain.CatalogError;
import io.airlock.catalog.domain.CatalogException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become HTTP answers: every failure is rendered as {@link Problem} JSON. Refusals
 * ({@link CatalogException}) keep their status; malformed JSON is a 400; an unreachable database is a 503 that says
 * so (the catalog recovers by itself when PostgreSQL is back); anything unexpected is a logged 500.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    static final String DATABASE_DOWN = "the catalog's PostgreSQL database is unreachable; the catalog retries by"
            + " itself, downloads from the file server and registries are not affected";

    @ServerExceptionMapper
    public Response catalog(CatalogException e, UriInfo uri) {
        return render(e.error(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return render(CatalogError.MALFORMED_JSON, describe(e), uri);
    }

    // Jackson's own mappers for these are more specific than the one above: name them to take over.
    @ServerExceptionMapper
    public Response json(MismatchedInputException e, UriInfo uri) {
        return json((JsonProcessingException) e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonParseException e, UriInfo uri) {
        return json((JsonProcessingException) e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonMappingException e, UriInfo uri) {
        return json((JsonProcessingException) e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(AuthenticationFailedException e, UriInfo uri) {
        return challenge("wrong user name or password", uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return challenge("this needs the admin credential (HTTP Basic)", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(CatalogError.FORBIDDEN, "this identity may not do that", uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        if (cause instanceof CatalogException c) {
            return catalog(c, uri);
        }
        int status = e.getResponse().getStatus();
        CatalogError error =
                switch (status) {
                    case 400 -> CatalogError.BAD_REQUEST;
                    case 401 -> CatalogError.UNAUTHORIZED;
                    case 403 -> CatalogError.FORBIDDEN;
                    case 404 -> CatalogError.NOT_FOUND;
                    case 415 -> CatalogError.UNSUPPORTED_MEDIA_TYPE;
                    default -> null;
                };
        String detail = e.getMessage() == null ? Response.Status.fromStatusCode(status) + "" : e.getMessage();
        if (error == null) {
            Problem p = new Problem("about:blank", reason(status), status, detail, path(uri));
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
        }
        if (status == 404) {
            detail = "no such resource: " + path(uri);
        }
        return render(error, detail, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseErrors.isUnavailable(e)) {
            LOG.warnf("%s: database unavailable: %s", path(uri), rootMessage(e));
            return Response.fromResponse(render(CatalogError.DATABASE_UNAVAILABLE, DATABASE_DOWN, uri))
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .build();
        }
        CatalogException refusal = find(e, CatalogException.class);
        if (refusal != null) {
            return catalog(refusal, uri);
        }
        LOG.errorf(e, "unexpected error on %s", path(uri));
        return render(CatalogError.INTERNAL, "unexpected error; see the catalog's log", uri);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static String describe(JsonProcessingException e) {
        CatalogException refusal = find(e, CatalogException.class);
        if (refusal != null) {
            return refusal.getMessage();
        }
        String message = e.getOriginalMessage();
        if (message != null) {
            int newline = message.indexOf('\n');
            message = newline > 0 ? message.substring(0, newline) : message;
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "the request body is not valid JSON for this endpoint at '" + path + "': " + message;
        }
        return "the request body is not valid JSON: " + message;
    }

    private static Response challenge(String detail, UriInfo uri) {
        return Response.fromResponse(render(CatalogError.UNAUTHORIZED, detail, uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"airlock\"")
                .build();
    }

    static Response render(CatalogError error, String detail, UriInfo uri) {
        Problem p = new Problem(error.type(), error.title(), error.status(), detail, path(uri));
        return Response.status(error.status())
                .type(Problem.MEDIA_TYPE)
                .entity(p)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String reason(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return s == null ? "HTTP " + status : s.getReasonPhrase();
    }
}
