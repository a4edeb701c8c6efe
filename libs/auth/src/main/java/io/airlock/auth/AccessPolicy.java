package io.airlock.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one rule every service applies: writes need the admin role; reads need nothing unless anonymous reads are
 * switched off, then any authenticated identity. Each service renders a refusal in its own protocol's format.
 */
@ApplicationScoped
public class AccessPolicy {
    private final boolean anonymousRead;

    public AccessPolicy(AccessConfig config) {
        this.anonymousRead = config.anonymousRead();
    }

    public boolean mayRead(SecurityIdentity identity) {
        return anonymousRead || !identity.isAnonymous();
    }

    public boolean mayWrite(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole(Credentials.ADMIN_ROLE);
    }
}
