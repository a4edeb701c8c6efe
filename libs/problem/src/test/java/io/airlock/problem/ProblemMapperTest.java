package io.airlock.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.auth.AccessDecision;
import io.airlock.auth.AccessRefusedException;
import io.airlock.auth.Challenges;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    enum TestError implements ErrorCode {
        INVALID_WIDGET(400, "Invalid widget"),
        BACKEND_DOWN(503, "Backend unavailable");

        private final int status;
        private final String title;

        TestError(int status, String title) {
            this.status = status;
            this.title = title;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public String title() {
            return title;
        }
    }

    private final ProblemMapper mapper = ProblemMapper.of(
            "widgets",
            e -> e instanceof UncheckedIOException
                    ? Optional.of(
                            new ProblemException(TestError.BACKEND_DOWN, "backend gone", Map.of("Retry-After", "5")))
                    : Optional.empty());

    private static Problem body(Response r) {
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        return (Problem) r.getEntity();
    }

    @Test
    void aCodeCarriesItsStatusTitleAndTypeInTheServicesNamespace() {
        Response r = mapper.problem(new ProblemException(TestError.INVALID_WIDGET, "widget 7 has no name"), null);
        assertEquals(400, r.getStatus());
        assertEquals(
                new Problem("urn:airlock:widgets:invalid-widget", "Invalid widget", 400, "widget 7 has no name", null),
                body(r));
    }

    @Test
    void absentMembersAreLeftOutNotSentAsNull() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new Problem("about:blank", "Gone", 410, null, null));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Gone\",\"status\":410}", json);
    }

    @Test
    void aMissingOrWrongCredentialIsA401WithTheOneBasicChallenge() {
        Response needs = mapper.refused(
                new AccessRefusedException(new AccessDecision.NeedsCredentials("writes need the admin credential")),
                null);
        assertEquals(401, needs.getStatus());
        assertEquals(Challenges.BASIC, needs.getHeaderString("WWW-Authenticate"));
        assertEquals("urn:airlock:widgets:unauthorized", body(needs).type());
        assertEquals("writes need the admin credential", body(needs).detail());

        Response wrong = mapper.refused(new AuthenticationFailedException("x"), null);
        assertEquals(401, wrong.getStatus());
        assertEquals(Challenges.BASIC, wrong.getHeaderString("WWW-Authenticate"));
        assertEquals("wrong user name or password", body(wrong).detail());
    }

    @Test
    void aForbiddenCallerGets403WithoutAChallenge() {
        Response r = mapper.refused(new AccessRefusedException(new AccessDecision.Forbidden("not yours")), null);
        assertEquals(403, r.getStatus());
        assertNull(r.getHeaderString("WWW-Authenticate"));
        assertEquals("urn:airlock:widgets:forbidden", body(r).type());
    }

    @Test
    void frameworkRefusalsKeepTheirStatus() {
        Response missing = mapper.web(new NotFoundException(), null);
        assertEquals(404, missing.getStatus());
        assertEquals("urn:airlock:widgets:not-found", body(missing).type());
        Response method = mapper.web(new NotAllowedException("GET"), null);
        assertEquals(405, method.getStatus());
        assertEquals("urn:airlock:widgets:method-not-allowed", body(method).type());
    }

    @Test
    void translatorsAndWrappedRefusalsAreHonouredAndTheRestIsA500() {
        Response down = mapper.unexpected(new UncheckedIOException(new java.io.IOException("x")), null);
        assertEquals(503, down.getStatus());
        assertEquals("5", down.getHeaderString("Retry-After"));
        assertEquals("urn:airlock:widgets:backend-down", body(down).type());

        Response wrapped = mapper.unexpected(
                new IllegalStateException(new ProblemException(TestError.INVALID_WIDGET, "inner")), null);
        assertEquals(400, wrapped.getStatus());
        assertEquals("inner", body(wrapped).detail());

        Response bug = mapper.unexpected(new NullPointerException("bug"), null);
        assertEquals(500, bug.getStatus());
        assertEquals("urn:airlock:widgets:internal", body(bug).type());
        assertFalse(body(bug).detail().contains("bug"), "internals stay in the log");
        assertTrue(body(bug).detail().contains("widgets"));
    }
}
