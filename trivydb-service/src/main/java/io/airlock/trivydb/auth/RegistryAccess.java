package io.airlock.trivydb.auth;

import io.airlock.auth.AccessDecision;
import io.airlock.auth.AccessPolicy;
import io.airlock.oci.rest.Access;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who is calling and what they may do, for one request. Credentials arrive as HTTP Basic (checked by Quarkus security
 * with the admin credential of libs/auth, decided by {@link AccessPolicy}) or as a Bearer token from
 * {@link TokenService}, which carries its own grant: a pull token may read, a push token may also write.
 */
@RequestScoped
public class RegistryAccess {
    private static final AccessDecision.WrongCredentials BAD_TOKEN =
            new AccessDecision.WrongCredentials("invalid or expired token");

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @Inject
    AccessPolicy policy;

    @Inject
    TokenService tokens;

    /** A Bearer token the request sent: its claims, empty when it is invalid or expired. */
    private record Bearer(Optional<TokenService.Claims> claims) {}

    private Optional<Bearer> bearer;

    public AccessDecision decideRead() {
        Optional<Bearer> b = bearer();
        if (b.isPresent()) {
            return b.get()
                    .claims()
                    .<AccessDecision>map(c -> new AccessDecision.Allowed(c.sub()))
                    .orElse(BAD_TOKEN);
        }
        return policy.decideRead(identity);
    }

    public AccessDecision decideWrite() {
        Optional<Bearer> b = bearer();
        if (b.isPresent()) {
            return b.get()
                    .claims()
                    .<AccessDecision>map(c -> c.access() == TokenService.Access.PUSH
                            ? new AccessDecision.Allowed(c.sub())
                            : new AccessDecision.Forbidden("these credentials may only pull"))
                    .orElse(BAD_TOKEN);
        }
        return policy.decideWrite(identity);
    }

    /** A valid token is a sign-in (an anonymous puller's too); without one, credentials must be sent. */
    public AccessDecision decidePing() {
        return bearer().isPresent() ? decideRead() : Access.signedIn(decideRead());
    }

    /** Pulls (and the status document) need what {@link #decideRead} allows; the refusal as an OCI error. */
    public AccessDecision.Allowed requireRead() {
        return Access.require(decideRead());
    }

    /** The request's Bearer token, read once; empty without one. */
    private Optional<Bearer> bearer() {
        if (bearer == null) {
            String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
            bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? Optional.of(new Bearer(tokens.verify(auth.substring(7).strip())))
                    : Optional.empty();
        }
        return bearer;
    }
}
