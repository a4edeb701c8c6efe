package io.airlock.auth;

/**
 * A refused {@link AccessDecision}, thrown by {@link Guard} so that a resource stays one line long. Each service
 * renders it in its protocol's own format (problem+json on admin APIs, plain text on the file server), with the status
 * and challenge {@link Refusals} gives it.
 */
public class AccessRefusedException extends RuntimeException {
    private final AccessDecision decision;

    public AccessRefusedException(AccessDecision decision) {
        super(decision.reason());
        if (decision instanceof AccessDecision.Allowed) {
            throw new IllegalArgumentException("an allowed decision is not a refusal");
        }
        this.decision = decision;
    }

    public AccessDecision decision() {
        return decision;
    }
}
