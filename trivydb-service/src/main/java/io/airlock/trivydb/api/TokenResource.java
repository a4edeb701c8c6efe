package io.airlock.trivydb.api;

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
        TokenService.Access grant =
                switch (access.grant()) {
                    case PUSH -> TokenService.Access.PUSH;
                    case PULL -> TokenService.Access.PULL;
                    case NONE -> {
                        access.requireRead(); // UNAUTHORIZED unless anonymous pulls are allowed
                        yield TokenService.Access.PULL;
                    }
                };
        TokenService.Issued issued = tokens.issue(access.subject(), grant);
        return new TokenResponse(
                issued.token(),
                issued.token(),
                issued.ttl().toSeconds(),
                issued.issuedAt().toString());
    }
}
