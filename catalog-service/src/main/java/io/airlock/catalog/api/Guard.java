package io.airlock.catalog.api;

import io.airlock.auth.AccessPolicy;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Applies libs/auth's {@link AccessPolicy} to the current request: writes need the admin, reads may be open. */
@RequestScoped
public class Guard {
    @Inject
    SecurityIdentity identity;

    @Inject
    AccessPolicy policy;

    public void read() {
        if (!policy.mayRead(identity)) {
            throw new UnauthorizedException();
        }
    }

    public void write() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!policy.mayWrite(identity)) {
            throw new ForbiddenException();
        }
    }
}
