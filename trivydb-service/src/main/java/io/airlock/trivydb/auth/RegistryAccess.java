package io.airlock.trivydb.auth;

import io.airlock.auth.AccessPolicy;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who is calling and what they may do, for one request. Credentials arrive as HTTP Basic (checked by Quarkus security
 * with the admin credential of libs/auth) or as a Bearer token from {@link TokenService}; {@link AccessPolicy} decides.
 * Every refusal is an OCI error: UNAUTHORIZED (401, with the Bearer challenge) when credentials are missing or wrong,
 * DENIED (403) when they are right but not enough.
 */
@RequestScoped
public class RegistryAccess {

    /** What the caller proved. */
    public enum Grant {
        /** No credentials. */
        NONE,
        /** Authenticated, may read. */
        PULL,
        /** The admin: may read, push and delete. */
        PUSH
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @Inject
    AccessPolicy policy;

    @Inject
    TokenService tokens;

    private Grant grant;

    /** What the request's credentials prove; UNAUTHORIZED when it presents credentials that are wrong or expired. */
    public Grant grant() {
        if (grant == null) {
            grant = resolve();
        }
        return grant;
    }

    /** The user name behind the credentials, {@code anonymous} without. */
    public String subject() {
        String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth != null && bearer(auth) != null) {
            return tokens.verify(bearer(auth)).map(TokenService.Claims::sub).orElse("anonymous");
        }
        return grant() == Grant.NONE ? "anonymous" : identity.getPrincipal().getName();
    }

    public void requireRead() {
        if (grant() == Grant.NONE && !policy.mayRead(identity)) {
            throw new OciException(OciError.UNAUTHORIZED, "this registry needs credentials to pull");
        }
    }

    public void requireWrite() {
        switch (grant()) {
            case NONE -> throw new OciException(OciError.UNAUTHORIZED, "pushing and deleting need credentials");
            case PULL -> throw new OciException(OciError.DENIED, "these credentials may only pull");
            case PUSH -> {}
        }
    }

    private Grant resolve() {
        String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = auth == null ? null : bearer(auth);
        if (token != null) {
            return tokens.verify(token)
                    .map(c -> c.access() == TokenService.Access.PUSH ? Grant.PUSH : Grant.PULL)
                    .orElseThrow(() -> new OciException(OciError.UNAUTHORIZED, "invalid or expired token"));
        }
        try {
            if (identity.isAnonymous()) {
                return Grant.NONE;
            }
        } catch (AuthenticationFailedException e) {
            throw new OciException(OciError.UNAUTHORIZED, "wrong user name or password");
        }
        return policy.mayWrite(identity) ? Grant.PUSH : Grant.PULL;
    }

    private static String bearer(String authorization) {
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }
}
