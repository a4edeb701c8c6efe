package io.airlock.catalog.service;

import io.airlock.catalog.domain.PolicyBasis;
import java.time.Duration;

/**
 * The policy that applies to one artifact.
 *
 * @param scope {@code artifact}, {@code kind} or {@code none}
 * @param maxAge null: never stale
 */
public record EffectivePolicy(String scope, Duration maxAge, PolicyBasis basis) {
    public static final EffectivePolicy NEVER = new EffectivePolicy("none", null, PolicyBasis.AGE);
}
