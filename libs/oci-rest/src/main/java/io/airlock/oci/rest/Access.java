package io.airlock.oci.rest;

import io.airlock.auth.AccessDecision;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;

/**
 * An access decision in the OCI error format: a refusal for missing or wrong credentials is UNAUTHORIZED (401, and the
 * mapper adds the service's challenge), one for credentials that do not grant the action is DENIED (403).
 */
public final class Access {
    private Access() {}

    /** Returns when allowed, else throws the refusal as an {@link OciException}. */
    public static AccessDecision.Allowed require(AccessDecision decision) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            return allowed;
        }
        if (decision instanceof AccessDecision.Forbidden f) {
            throw new OciException(OciError.DENIED, f.reason(), f.status());
        }
        String reason = decision instanceof AccessDecision.NeedsCredentials n
                ? n.reason()
                : ((AccessDecision.WrongCredentials) decision).reason();
        throw new OciException(OciError.UNAUTHORIZED, reason, decision.status());
    }

    /**
     * The decision with a caller who sent no credentials refused as {@link AccessDecision.NeedsCredentials}: the ping's
     * rule. Clients decide from the ping whether to send credentials at all, so a 200 to an anonymous caller would make
     * skopeo and containerd push without them (anonymous pullers follow the challenge anyway).
     */
    public static AccessDecision signedIn(AccessDecision decision) {
        if (decision instanceof AccessDecision.Allowed allowed && allowed.anonymous()) {
            return new AccessDecision.NeedsCredentials("sign in to use this registry");
        }
        return decision;
    }
}
