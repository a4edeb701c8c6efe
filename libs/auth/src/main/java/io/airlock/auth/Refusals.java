package io.airlock.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import java.util.Optional;

/**
 * The one reading of a sign-in failure, whichever way it reached an exception mapper: a {@link Guard} refusal, a wrong
 * password surfacing from lazy authentication, or Quarkus' own security exceptions. A format (problem+json, plain
 * text) only renders the body; status and challenge come from here, so that no service answers them differently.
 */
public final class Refusals {
    private Refusals() {}

    /** The refusal {@code e} stands for, or empty when it is no sign-in failure. */
    public static Optional<AccessDecision> of(Throwable e) {
        if (e instanceof AccessRefusedException refused) {
            return Optional.of(refused.decision());
        }
        if (e instanceof AuthenticationFailedException) {
            return Optional.of(AccessDecision.wrongCredentials());
        }
        if (e instanceof UnauthorizedException) {
            return Optional.of(new AccessDecision.NeedsCredentials("this needs the admin credential"));
        }
        if (e instanceof ForbiddenException) {
            return Optional.of(new AccessDecision.Forbidden(AccessPolicy.NOT_GRANTED));
        }
        return Optional.empty();
    }

    /**
     * The {@code WWW-Authenticate} value for a refusal on an endpoint signed in with HTTP Basic (the admin APIs and the
     * file server): {@link Challenges#BASIC} on a 401, nothing on a 403 (asking again would not help).
     */
    public static Optional<String> basicChallenge(AccessDecision decision) {
        return decision.challenges() ? Optional.of(Challenges.BASIC) : Optional.empty();
    }
}
