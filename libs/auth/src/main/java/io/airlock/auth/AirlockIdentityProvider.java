package io.airlock.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns HTTP Basic credentials into an identity with the admin role, via {@link Credentials}. */
@ApplicationScoped
public class AirlockIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    Credentials credentials;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String user = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        // PBKDF2 is CPU work: keep it off the event loop.
        return context.runBlocking(() -> credentials
                .verify(user, password)
                .<SecurityIdentity>map(role -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user))
                        .addRole(role)
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("wrong user name or password")));
    }
}
