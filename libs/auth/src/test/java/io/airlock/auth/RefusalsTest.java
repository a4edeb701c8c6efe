package io.airlock.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void everyWayASignInFailureArrivesReadsAsOneRefusal() {
        AccessDecision refused = new AccessDecision.NeedsCredentials("closed");
        assertSame(refused, Refusals.of(new AccessRefusedException(refused)).orElseThrow());
        assertEquals(
                AccessDecision.wrongCredentials(),
                Refusals.of(new AuthenticationFailedException("x")).orElseThrow());
        assertInstanceOf(
                AccessDecision.NeedsCredentials.class,
                Refusals.of(new UnauthorizedException()).orElseThrow());
        assertInstanceOf(
                AccessDecision.Forbidden.class,
                Refusals.of(new ForbiddenException()).orElseThrow());
        assertEquals(Optional.empty(), Refusals.of(new IllegalStateException("not about sign-in")));
    }

    @Test
    void a401ChallengesWithBasicAnd403DoesNot() {
        assertEquals(Optional.of(Challenges.BASIC), Refusals.basicChallenge(AccessDecision.wrongCredentials()));
        assertEquals(Optional.of(Challenges.BASIC), Refusals.basicChallenge(new AccessDecision.NeedsCredentials("x")));
        assertEquals(Optional.empty(), Refusals.basicChallenge(new AccessDecision.Forbidden("x")));
    }

    @Test
    void theGuardThrowsTheRefusalAndReturnsWhoWasLetIn() {
        SecurityIdentity anonymous =
                QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        SecurityIdentity admin = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("root"))
                .addRole(Credentials.ADMIN_ROLE)
                .build();
        AccessPolicy closed = new AccessPolicy(() -> false);
        AccessRefusedException e =
                assertThrows(AccessRefusedException.class, () -> new Guard(closed, anonymous).read());
        assertEquals(401, e.decision().status());
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        assertThrows(AccessRefusedException.class, () -> new Guard(closed, anonymous).write());
        assertEquals("root", new Guard(closed, admin).write().principal());
        assertThrows(IllegalArgumentException.class, () -> new AccessRefusedException(new AccessDecision.Allowed("x")));
    }
}
