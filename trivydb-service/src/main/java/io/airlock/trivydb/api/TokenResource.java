package io.airlock.trivydb.api;

import io.airlock.auth.AccessDecision;
import io.airlock.oci.rest.Access;
import io.airlock.trivydb.auth.Challenge;
import io.airlock.trivydb.auth.RegistryAccess;
import io.airlock.trivydb.auth.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v2/token}, the token endpoint the Bearer challenge of this registry names ({@link Challenge}). The
 * ping and the rest of {@code /v2} are the shared resources of libs/oci-rest.
 *
 * <p>The ping answers 401 with that challenge to any request without valid credentials, even when anonymous pulls are
 * allowed: clients decide from the ping whether to authenticate at all, so a 200 would make skopeo and containerd
 * push without credentials. Anonymous pullers (Trivy) follow the challenge and get a pull-only token here.
 */
@Path("/" + Challenge.TOKEN_PATH)
public class TokenResource {

    @Inject
    RegistryAccess access;

    @Inject
    TokenService tokens;

    /** The token an authenticated (or, when anonymous pulls are allowed, anonymous) client works with. */
    public record TokenResponse(String token, String access_token, long expires_in, String issued_at) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TokenResponse token() {
        AccessDecision write = access.decideWrite();
        TokenService.Issued issued;
        if (write instanceof AccessDecision.Allowed admin) {
            issued = tokens.issue(admin.principal(), TokenService.Access.PUSH);
        } else {
            if (write instanceof AccessDecision.WrongCredentials) {
                Access.require(write); // wrong credentials never fall back to an anonymous token
            }
            // UNAUTHORIZED unless the caller may pull (anonymously, when anonymous pulls are allowed)
            issued = tokens.issue(access.requireRead().principal(), TokenService.Access.PULL);
        }
        return new TokenResponse(
                issued.token(),
                issued.token(),
                issued.ttl().toSeconds(),
                issued.issuedAt().toString());
    }
}
