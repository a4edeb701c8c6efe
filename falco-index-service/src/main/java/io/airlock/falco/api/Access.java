package io.airlock.falco.api;

import io.airlock.auth.AccessPolicy;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The suite's one access rule (libs/auth), applied by the resources before they touch a body. */
@RequestScoped
public class Access {
    private final AccessPolicy policy;
    private final SecurityIdentity identity;

    public Access(AccessPolicy policy, SecurityIdentity identity) {
        this.policy = policy;
        this.identity = identity;
    }

    public void requireWrite() {
        if (!allowed(policy::mayWrite)) {
            throw new ApiProblem(401, "Unauthorized", "writes need the admin credential (HTTP Basic)");
        }
    }

    /**
     * Applies an access rule to the caller. Authentication is lazy, so a wrong user name or password surfaces here
     * and is answered as problem+json with the challenge rather than as an empty 401.
     */
    private boolean allowed(java.util.function.Predicate<SecurityIdentity> rule) {
        try {
            return rule.test(identity);
        } catch (AuthenticationFailedException e) {
            throw new ApiProblem(401, "Unauthorized", "wrong user name or password");
        }
    }

    public void requireRead() {
        if (!allowed(policy::mayRead)) {
            throw new ApiProblem(401, "Unauthorized", "reads need a credential on this installation");
        }
    }
}
