package io.airlock.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.airlock.auth.AccessDecision;
import io.airlock.auth.AccessRefusedException;
import io.airlock.auth.Refusals;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place an admin API's failures become HTTP answers, all as {@link Problem} JSON: a {@link ProblemException}
 * keeps its code's status; a sign-in failure is a 401 with the Basic challenge or a 403 without, as
 * {@link Refusals} decides; a malformed body is a 400 saying where; a framework refusal keeps its status; what a
 * service's {@link ProblemTranslator} knows is answered as it says; anything else is a logged 500. A bad request never
 * reaches a 500.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final String service;
    private final Iterable<ProblemTranslator> translators;

    @Inject
    public ProblemMapper(ProblemConfig config, Instance<ProblemTranslator> translators) {
        this(config.service(), translators);
    }

    ProblemMapper(String service, Iterable<ProblemTranslator> translators) {
        this.service = service;
        this.translators = translators;
    }

    /** A mapper for {@code service} with the given translators, for tests and tools outside a running service. */
    static ProblemMapper of(String service, ProblemTranslator... translators) {
        return new ProblemMapper(service, List.of(translators));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return render(e.code(), e.getMessage(), path(request), e.headers());
    }

    @ServerExceptionMapper
    public Response refused(AccessRefusedException e, HttpServerRequest request) {
        return signIn(e, request);
    }

    /** A wrong password that reached no access check of its own (authentication is lazy). */
    @ServerExceptionMapper
    public Response refused(AuthenticationFailedException e, HttpServerRequest request) {
        return signIn(e, request);
    }

    // Quarkus' own mappers for its security exceptions answer with an empty body: name them to take over.
    @ServerExceptionMapper
    public Response refused(UnauthorizedException e, HttpServerRequest request) {
        return signIn(e, request);
    }

    @ServerExceptionMapper
    public Response refused(ForbiddenException e, HttpServerRequest request) {
        return signIn(e, request);
    }

    /** A body that is no JSON, or JSON the endpoint cannot take; a refusal raised while reading it keeps its code. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        ProblemException refusal = find(e, ProblemException.class);
        if (refusal != null) {
            return problem(refusal, request);
        }
        return render(CommonError.MALFORMED_JSON, describe(e), path(request), Map.of());
    }

    // Jackson's own mappers for these are more specific than the one above: name them to take over.
    @ServerExceptionMapper
    public Response json(MismatchedInputException e, HttpServerRequest request) {
        return json((JsonProcessingException) e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonParseException e, HttpServerRequest request) {
        return json((JsonProcessingException) e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonMappingException e, HttpServerRequest request) {
        return json((JsonProcessingException) e, request);
    }

    /** What the HTTP framework refused (no such route, a method or media type it does not take): same status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json, request);
        }
        if (cause instanceof ProblemException p) {
            return problem(p, request);
        }
        int status = e.getResponse().getStatus();
        String path = path(request);
        CommonError code = CommonError.forStatus(status);
        if (code == null) {
            String reason = reason(status);
            Problem p = new Problem("about:blank", reason, status, detail(e, reason), path);
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
        }
        String detail = status == 404 ? "no such resource: " + path : detail(e, reason(status));
        return render(code, detail, path, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        for (ProblemTranslator t : translators) {
            Optional<ProblemException> known = t.translate(e);
            if (known.isPresent()) {
                return problem(known.get(), request);
            }
        }
        ProblemException refusal = find(e, ProblemException.class);
        if (refusal != null) {
            return problem(refusal, request);
        }
        LOG.errorf(e, "unexpected error on %s", path(request));
        return render(CommonError.INTERNAL, "unexpected error; see the " + service + " log", path(request), Map.of());
    }

    private Response signIn(Throwable e, HttpServerRequest request) {
        AccessDecision refusal = Refusals.of(e).orElseThrow();
        CommonError code = refusal.status() == 403 ? CommonError.FORBIDDEN : CommonError.UNAUTHORIZED;
        Map<String, String> headers = Refusals.basicChallenge(refusal)
                .map(c -> Map.of(HttpHeaders.WWW_AUTHENTICATE, c))
                .orElse(Map.of());
        return render(code, refusal.reason(), path(request), headers);
    }

    /** The answer for {@code code}: its status, problem+json with its type and title, and {@code headers}. */
    Response render(ErrorCode code, String detail, String instance, Map<String, String> headers) {
        Problem p = new Problem(code.type(service), code.title(), code.status(), detail, instance);
        Response.ResponseBuilder r =
                Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(p);
        headers.forEach(r::header);
        return r.build();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(JsonProcessingException e) {
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

    private static String detail(WebApplicationException e, String fallback) {
        return e.getMessage() == null ? fallback : e.getMessage();
    }

    private static String path(HttpServerRequest request) {
        return request == null ? null : request.path();
    }

    private static String reason(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return s == null ? "HTTP " + status : s.getReasonPhrase();
    }
}
