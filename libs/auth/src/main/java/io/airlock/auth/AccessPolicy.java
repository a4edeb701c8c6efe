package io.airlock.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;

/**
 * The one rule every service applies: writes need the admin role; reads need nothing unless anonymous reads are
 * switched off, then any authenticated identity. Each service renders a refusal in its own protocol's format.
 */
@ApplicationScoped
public class AccessPolicy {
    /** The reason of a {@link AccessDecision.Forbidden}. */
    static final String NOT_GRANTED = "the credentials do not grant this action";

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

    /**
     * The decision for a download or pull. Authentication is lazy, so a wrong user name or password surfaces here, as
     * {@link AccessDecision.WrongCredentials}, even where the rule would have let an anonymous caller in: a client
     * that sends credentials learns that they are wrong.
     */
    public AccessDecision decideRead(SecurityIdentity identity) {
        return decide(identity, this::mayRead, "this installation needs credentials to read");
    }

    /** The decision for an upload, push, delete or any admin change. */
    public AccessDecision decideWrite(SecurityIdentity identity) {
        return decide(identity, this::mayWrite, "writes need the admin credential");
    }

    private static AccessDecision decide(SecurityIdentity identity, Predicate<SecurityIdentity> rule, String needs) {
        boolean anonymous;
        try {
            anonymous = identity.isAnonymous();
        } catch (AuthenticationFailedException e) {
            return AccessDecision.wrongCredentials();
        }
        if (rule.test(identity)) {
            return anonymous
                    ? AccessDecision.Allowed.ANONYMOUS
                    : new AccessDecision.Allowed(identity.getPrincipal().getName());
        }
        return anonymous ? new AccessDecision.NeedsCredentials(needs) : new AccessDecision.Forbidden(NOT_GRANTED);
    }
}
