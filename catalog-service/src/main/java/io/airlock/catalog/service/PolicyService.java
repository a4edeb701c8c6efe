package io.airlock.catalog.service;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.FreshnessPolicy;
import io.airlock.catalog.domain.CatalogError;
import io.airlock.catalog.domain.CatalogException;
import io.airlock.catalog.domain.Kinds;
import io.airlock.catalog.domain.PolicyBasis;
import io.airlock.catalog.model.PolicyRequest;
import io.airlock.catalog.model.PolicyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Freshness policies: one per kind (seeded with defaults by the schema migration), optionally one per artifact. */
@ApplicationScoped
public class PolicyService {
    Clock clock = Clock.systemUTC();

    /** The policy that applies to {@code artifact}: its own, else its kind's, else "never stale". */
    public EffectivePolicy effective(Artifact artifact) {
        return FreshnessPolicy.forArtifact(artifact)
                .or(() -> FreshnessPolicy.forKind(artifact.kind))
                .map(PolicyService::toEffective)
                .orElse(EffectivePolicy.NEVER);
    }

    /** Every policy, loaded once, to evaluate many artifacts without a query each. */
    public Policies all() {
        java.util.Map<ArtifactKind, FreshnessPolicy> byKind = new java.util.EnumMap<>(ArtifactKind.class);
        java.util.Map<Long, FreshnessPolicy> byArtifact = new java.util.HashMap<>();
        for (FreshnessPolicy p : FreshnessPolicy.<FreshnessPolicy>listAll()) {
            if (p.artifact == null) {
                byKind.put(p.kind, p);
            } else {
                byArtifact.put(p.artifact.id, p);
            }
        }
        return new Policies(byKind, byArtifact);
    }

    /** A snapshot of every policy. */
    public record Policies(
            java.util.Map<ArtifactKind, FreshnessPolicy> byKind, java.util.Map<Long, FreshnessPolicy> byArtifact) {
        public EffectivePolicy effective(Artifact artifact) {
            FreshnessPolicy p = byArtifact.getOrDefault(artifact.id, byKind.get(artifact.kind));
            return p == null ? EffectivePolicy.NEVER : toEffective(p);
        }
    }

    private static EffectivePolicy toEffective(FreshnessPolicy p) {
        return new EffectivePolicy(
                p.artifact == null ? "kind" : "artifact",
                p.maxAgeSeconds == null ? null : Duration.ofSeconds(p.maxAgeSeconds),
                p.basis);
    }

    PolicyView view(Artifact artifact) {
        return FreshnessPolicy.forArtifact(artifact)
                .or(() -> FreshnessPolicy.forKind(artifact.kind))
                .map(PolicyService::toView)
                .orElse(null);
    }

    @Transactional
    public List<PolicyView> list() {
        return FreshnessPolicy.<FreshnessPolicy>listAll().stream()
                .map(PolicyService::toView)
                .sorted(Comparator.comparing((PolicyView v) -> v.kind().id())
                        .thenComparing(v -> v.artifact() == null ? "" : v.artifact()))
                .toList();
    }

    @Transactional
    public PolicyView setForKind(String kindId, PolicyRequest request) {
        ArtifactKind kind = Kinds.of(kindId);
        Parsed parsed = parse(request);
        FreshnessPolicy p = FreshnessPolicy.forKind(kind).orElseGet(() -> {
            FreshnessPolicy n = new FreshnessPolicy();
            n.kind = kind;
            return n;
        });
        return save(p, parsed);
    }

    @Transactional
    public PolicyView setForArtifact(long artifactId, PolicyRequest request) {
        Parsed parsed = parse(request);
        Artifact artifact = CatalogService.require(artifactId);
        FreshnessPolicy p = FreshnessPolicy.forArtifact(artifact).orElseGet(() -> {
            FreshnessPolicy n = new FreshnessPolicy();
            n.kind = artifact.kind;
            n.artifact = artifact;
            return n;
        });
        return save(p, parsed);
    }

    /** Removes an artifact's own policy, so that its kind's applies again; false when it had none. */
    @Transactional
    public boolean deleteForArtifact(long artifactId) {
        Artifact artifact = CatalogService.require(artifactId);
        Optional<FreshnessPolicy> p = FreshnessPolicy.forArtifact(artifact);
        p.ifPresent(FreshnessPolicy::delete);
        return p.isPresent();
    }

    private PolicyView save(FreshnessPolicy p, Parsed parsed) {
        p.maxAgeSeconds = parsed.maxAge == null ? null : parsed.maxAge.toSeconds();
        p.basis = parsed.basis;
        p.updatedAt = clock.instant();
        p.persist();
        return toView(p);
    }

    private record Parsed(Duration maxAge, PolicyBasis basis) {}

    static Parsed parse(PolicyRequest request) {
        if (request == null) {
            throw new CatalogException(CatalogError.INVALID_POLICY, "a JSON body {\"maxAge\": \"PT24H\"} is required");
        }
        PolicyBasis basis = request.basis() == null || request.basis().isBlank()
                ? PolicyBasis.AGE
                : PolicyBasis.of(request.basis());
        String raw = request.maxAge();
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("none")) {
            return new Parsed(null, basis);
        }
        Duration maxAge;
        try {
            maxAge = Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new CatalogException(
                    CatalogError.INVALID_POLICY,
                    "maxAge '" + raw + "' is not an ISO-8601 duration such as PT24H or P7D (or none)");
        }
        if (maxAge.isNegative()) {
            throw new CatalogException(CatalogError.INVALID_POLICY, "maxAge must not be negative, got " + raw);
        }
        return new Parsed(maxAge, basis);
    }

    private static PolicyView toView(FreshnessPolicy p) {
        return new PolicyView(
                p.artifact == null ? "kind" : "artifact",
                p.kind,
                p.artifact == null ? null : p.artifact.id,
                p.artifact == null ? null : p.artifact.name,
                p.maxAgeSeconds == null
                        ? null
                        : Duration.ofSeconds(p.maxAgeSeconds).toString(),
                p.maxAgeSeconds,
                p.basis,
                p.updatedAt);
    }
}
