package io.airlock.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * {@link AccessPolicy} applied to the current request: a resource calls {@link #read()} or {@link #write()} before it
 * touches a body, and a refusal leaves as an {@link AccessRefusedException}.
 */
@RequestScoped
public class Guard {
    private final AccessPolicy policy;
    private final SecurityIdentity identity;

    public Guard(AccessPolicy policy, SecurityIdentity identity) {
        this.policy = policy;
        this.identity = identity;
    }

    /** Lets a download, pull or listing go on, or throws the refusal. */
    public AccessDecision.Allowed read() {
        return allowedOrThrow(policy.decideRead(identity));
    }

    /** Lets an upload, push, delete or admin change go on, or throws the refusal. */
    public AccessDecision.Allowed write() {
        return allowedOrThrow(policy.decideWrite(identity));
    }

    private static AccessDecision.Allowed allowedOrThrow(AccessDecision decision) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            return allowed;
        }
        throw new AccessRefusedException(decision);
    }
}
