package io.airlock.falco.api;

import io.airlock.auth.AccessPolicy;
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
        if (!policy.mayWrite(identity)) {
            throw new ApiProblem(401, "Unauthorized", "writes need the admin credential (HTTP Basic)");
        }
    }

    public void requireRead() {
        if (!policy.mayRead(identity)) {
            throw new ApiProblem(401, "Unauthorized", "reads need a credential on this installation");
        }
    }
}
