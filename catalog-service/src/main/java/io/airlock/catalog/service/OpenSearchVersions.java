package io.airlock.catalog.service;

import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.data.OpenSearchVersion;
import io.airlock.catalog.domain.CatalogException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OpenSearch versions the platform runs, per Welkin service cluster where the operator says so. Coverage needs every
 * version's plugins; Welkin's {@code sc-config.yaml} of a cluster needs only its own version's.
 */
@ApplicationScoped
public class OpenSearchVersions {
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");
    /** A Kubernetes-style name (DNS-1123 label), as Welkin's environment names are. */
    private static final Pattern CLUSTER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static final String EXAMPLE =
            "{\"clusters\": [{\"name\": \"sc-prod\", \"version\": \"2.11.1\"}]} or {\"versions\": [\"2.11.1\"]}";

    @Inject
    CatalogConfig config;

    Clock clock = Clock.systemUTC();

    /** Every version in use, wherever it runs, sorted. */
    @Transactional
    public List<String> versions() {
        return OpenSearchVersion.<OpenSearchVersion>listAll().stream()
                .map(v -> v.version)
                .distinct()
                .sorted()
                .toList();
    }

    /** The versions per named cluster, by cluster name. */
    @Transactional
    public List<OpenSearchDeclaration.Cluster> clusters() {
        return OpenSearchVersion.<OpenSearchVersion>list("cluster is not null").stream()
                .map(v -> new OpenSearchDeclaration.Cluster(v.cluster, v.version))
                .sorted(Comparator.comparing(OpenSearchDeclaration.Cluster::name))
                .toList();
    }

    /** Versions declared in use without a cluster that no named cluster runs, sorted. */
    @Transactional
    public List<String> unassigned() {
        Set<String> onClusters = new LinkedHashSet<>();
        clusters().forEach(c -> onClusters.add(c.version()));
        return OpenSearchVersion.<OpenSearchVersion>list("cluster is null").stream()
                .map(v -> v.version)
                .filter(v -> !onClusters.contains(v))
                .sorted()
                .toList();
    }

    /**
     * Replaces the declaration after checking all of it: a malformed version, an unnamed, duplicate or unknown cluster,
     * or an empty {@code clusters} list is refused and the previous declaration stays. Answers every version in use.
     */
    @Transactional
    public List<String> declare(OpenSearchDeclaration declaration) {
        if (declaration == null || (declaration.versions() == null && declaration.clusters() == null)) {
            throw CatalogException.badRequest("a JSON body " + EXAMPLE + " is required");
        }
        if (declaration.clusters() != null && declaration.clusters().isEmpty()) {
            throw CatalogException.badRequest("clusters is empty: list each service cluster with the OpenSearch version"
                    + " it runs, or send {\"versions\": []} to declare none");
        }
        Set<String> versions = new LinkedHashSet<>();
        for (String v : declaration.versions() == null ? List.<String>of() : declaration.versions()) {
            versions.add(version(v));
        }
        Map<String, String> clusters = new LinkedHashMap<>();
        List<String> known = config.welkin().serviceClusters().orElse(List.of());
        for (OpenSearchDeclaration.Cluster c :
                declaration.clusters() == null ? List.<OpenSearchDeclaration.Cluster>of() : declaration.clusters()) {
            if (c == null || c.name() == null || !CLUSTER.matcher(c.name()).matches()) {
                throw CatalogException.badRequest("'" + (c == null ? null : c.name())
                        + "' is not a service cluster name (lower-case letters, digits and '-', at most 63)");
            }
            if (!known.isEmpty() && !known.contains(c.name())) {
                throw CatalogException.badRequest("unknown service cluster '" + c.name() + "': the configured ones are "
                        + String.join(", ", known) + " (airlock.catalog.welkin.service-clusters)");
            }
            if (clusters.put(c.name(), version(c.version())) != null) {
                throw CatalogException.badRequest("service cluster '" + c.name() + "' appears twice");
            }
        }
        OpenSearchVersion.deleteAll();
        Instant now = clock.instant();
        clusters.forEach((cluster, version) -> persist(version, cluster, now));
        versions.forEach(version -> persist(version, null, now));
        return Stream.concat(versions.stream(), clusters.values().stream())
                .distinct()
                .sorted()
                .toList();
    }

    private static String version(String v) {
        if (v == null || !VERSION.matcher(v.strip()).matches()) {
            throw CatalogException.badRequest(
                    "'" + v + "' is not an OpenSearch version (major.minor.patch, e.g. 2.8.0)");
        }
        return v.strip();
    }

    private static void persist(String version, String cluster, Instant now) {
        OpenSearchVersion e = new OpenSearchVersion();
        e.version = version;
        e.cluster = cluster;
        e.declaredAt = now;
        e.persist();
    }
}
