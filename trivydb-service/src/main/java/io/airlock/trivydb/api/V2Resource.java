package io.airlock.trivydb.api;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.trivydb.auth.RegistryAccess;
import io.airlock.trivydb.auth.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v2/}, the ping every client starts with, and {@code GET /v2/token}, the token endpoint its challenge
 * names.
 *
 * <p>The ping answers 401 with a Bearer challenge to any request without valid credentials, even when anonymous pulls
 * are allowed: clients decide from the ping whether to authenticate at all, so a 200 would make skopeo and containerd
 * push without credentials. Anonymous pullers (Trivy) follow the challenge and get a pull-only token.
 */
@Path("/v2")
public class V2Resource {

    @Inject
    RegistryAccess access;

    @Inject
    TokenService tokens;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response ping() {
        if (access.grant() == RegistryAccess.Grant.NONE) {
            throw new OciException(OciError.UNAUTHORIZED, "authenticate at the token endpoint");
        }
        return Response.ok("{}").build();
    }

    /** The token an authenticated (or, when anonymous pulls are allowed, anonymous) client works with. */
    public record TokenResponse(String token, String access_token, long expires_in, String issued_at) {}

    @GET
    @Path("token")
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
