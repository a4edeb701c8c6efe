package io.airlock.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the catalog itself reads (environment: {@code AIRLOCK_CATALOG_...}, e.g.
 * {@code AIRLOCK_CATALOG_EVALUATION_INTERVAL=5s}, {@code AIRLOCK_CATALOG_ALERTMANAGER_URLS=http://am:9093}). The
 * datasource is Quarkus's own ({@code quarkus.datasource.*}); when no JDBC URL is set, the catalog runs an embedded
 * PostgreSQL (see {@link EmbeddedDatabase}).
 */
@ConfigMapping(prefix = "airlock.catalog")
public interface CatalogConfig {

    /**
     * How often the freshness engine evaluates every policy and the coverage, refreshes the metrics and pushes alerts.
     * Must stay well under Alertmanager's {@code resolve_timeout} (5 minutes by default), since firing alerts are re-sent
     * on each evaluation. Read by the scheduler as {@code ${airlock.catalog.evaluation-interval}}.
     */
    @WithDefault("60s")
    String evaluationInterval();

    /**
     * The catalog's own external URL, used as the {@code generatorURL} of the alerts it sends (an operator following
     * the link lands on the freshness report).
     */
    @WithDefault("http://localhost:8083")
    String externalUrl();

    Alertmanager alertmanager();

    EmbeddedDatabase embeddedDatabase();

    Reconcile reconcile();

    Coverage coverage();

    Welkin welkin();

    interface Alertmanager {
        /**
         * Base URLs of the Alertmanagers to push to (each gets {@code POST <url>/api/v2/alerts}); comma separated in the
         * environment. None: alerts are evaluated and exposed as metrics only.
         */
        Optional<List<URI>> urls();

        /** Timeout of one push to one Alertmanager. */
        @WithDefault("5s")
        Duration timeout();

        /** {@code severity} label of stale-artifact alerts. */
        @WithDefault("warning")
        String staleSeverity();

        /** {@code severity} label of coverage-gap alerts (a consumer will fail to install or load something). */
        @WithDefault("critical")
        String coverageSeverity();

        /**
         * How many evaluation intervals a firing alert stays valid in Alertmanager if the catalog stops re-sending it
         * ({@code endsAt = now + n × interval}, at least one minute).
         */
        @WithDefault("4")
        int validForIntervals();
    }

    /** The one-machine default: a real PostgreSQL started by the catalog when no {@code quarkus.datasource.jdbc.url}. */
    interface EmbeddedDatabase {
        /**
         * Start an embedded PostgreSQL when no datasource URL is configured. Read by
         * {@link EmbeddedDatabaseConfigSourceFactory} before the rest of the configuration exists.
         */
        @WithDefault("true")
        boolean enabled();

        /** Data directory of the embedded PostgreSQL; kept across restarts. */
        @WithDefault("${airlock.data-dir}/catalog-db")
        String dir();
    }

    interface Reconcile {
        /**
         * How often object storage is listed to register what notifications missed. Read by the scheduler as
         * {@code ${airlock.catalog.reconcile.interval}}; {@code off} disables it.
         */
        @WithDefault("10m")
        String interval();

        /**
         * Storage namespaces to reconcile (the {@code airlock.storage.namespace} of the services that keep plain files,
         * e.g. the file server's {@code files}). Keys found there are registered as served by the file server.
         */
        @WithDefault("files")
        List<String> namespaces();
    }

    interface Coverage {
        /**
         * OpenSearch plugins every OpenSearch version in use needs, as served by the file server
         * ({@code <plugin>-<opensearch version>.zip}).
         */
        @WithDefault("repository-s3")
        List<String> opensearchPlugins();

        /** Where kernel coverage (which nodes' Falco drivers are hosted) comes from. */
        FalcoIndex falcoIndex();
    }

    /**
     * falco-index-service, the one place kernel coverage is computed: the catalog reads its report ({@code GET
     * /api/v1/coverage}) at each evaluation and raises the gaps it lists (environment:
     * {@code AIRLOCK_CATALOG_COVERAGE_FALCO_INDEX_URL}, ...).
     */
    interface FalcoIndex {
        /** Its base URL, e.g. {@code http://falco-index:8081}. None: the catalog reports no kernel coverage. */
        Optional<URI> url();

        /** User for its reads when anonymous reads are off; the suite's admin user by default. */
        @WithDefault("${airlock.admin.user:admin}")
        String user();

        /** Password for its reads; the suite's admin password by default. */
        @WithDefault("${airlock.admin.password:}")
        String password();

        /** How long one request may take; an evaluation waits at most this long for it. */
        @WithDefault("3s")
        Duration timeout();
    }

    /** This installation's hostnames, for the Welkin configuration fragments and served-at locations. */
    interface Welkin {
        /** Base URL of the file server as nodes and pods reach it. */
        @WithDefault("http://fileserver.air-gapped.internal:8080")
        String fileserverUrl();

        /** Path of the falcoctl index on the file server. */
        @WithDefault("falcoctl/index.yaml")
        String falcoctlIndexPath();

        /**
         * Path of the Falco driver tree on the file server, if not its root. falco-index-service publishes drivers at
         * the root ({@code /<driverVersion>/<arch>/<file>}), as the Welkin guide's {@code repoURL} expects.
         */
        Optional<String> driverPath();

        /** Host (and port) of the OCI registry serving the Trivy databases. */
        @WithDefault("registry.air-gapped.internal")
        String registryHost();

        /** Repository of the Trivy vulnerability DB on that registry. */
        @WithDefault("aquasecurity/trivy-db")
        String trivyDbRepository();

        /** Repository of the Trivy Java DB on that registry. */
        @WithDefault("aquasecurity/trivy-java-db")
        String trivyJavaDbRepository();

        /**
         * Whether that registry is reached over plain HTTP or with an untrusted certificate. For the generated
         * containerd configuration it means plain HTTP: the mirror host is {@code http://<registry-host>}.
         */
        @WithDefault("false")
        boolean registryInsecure();

        /**
         * Path on the nodes of the CA certificate that signed the registry's TLS certificate, when the nodes' system
         * trust does not hold it: {@code ca} of the generated containerd {@code hosts.toml} and Kubespray mirrors.
         * Unset: the system trust.
         */
        Optional<String> registryCa();

        /**
         * Whether containerd skips the TLS verification of the registry's certificate ({@code skip_verify} of the
         * generated containerd configuration). Prefer {@link #registryCa()}; ignored for a plain-HTTP registry.
         */
        @WithDefault("false")
        boolean registrySkipVerify();

        /**
         * Name of the Secret in the Welkin clusters with the credentials for that registry
         * ({@code trivy.scanner.imagePullSecret.name}). Unset while reads are anonymous: nothing is emitted; unset while
         * they need credentials: {@code set-me}.
         */
        Optional<String> registryPullSecret();

        /** Whether the registry answers reads without credentials (the services' {@code airlock.auth.anonymous-read}). */
        @WithDefault("${airlock.auth.anonymous-read:true}")
        boolean registryAnonymousRead();

        /**
         * Host (and port) of the Falco OCI registry that the falcoctl index points at. Its port is added to Falco's
         * NetworkPolicy when it differs from the file server's.
         */
        Optional<String> falcoRegistryHost();

        /**
         * IP addresses (or CIDRs) of the file server as the clusters reach it, for Welkin's NetworkPolicies
         * ({@code networkPolicies.falco.plugins.ips}, {@code networkPolicies.opensearch.plugins.ips}). A bare address
         * becomes a /32 (/128) network. Unset: {@code set-me}, as Airlock cannot know them.
         */
        Optional<List<String>> fileserverIps();

        /**
         * How {@code falco.driver.kind} spells the kernel module: {@code kmod} (Welkin v0.37 and later) or
         * {@code module} (earlier releases). The {@code driverKind} query parameter overrides it per request.
         */
        @WithDefault("kmod")
        String driverKind();

        /**
         * Names of the Welkin service clusters, if the operator wants OpenSearch declarations checked against them: a
         * declaration naming another cluster is refused. Unset: any well-formed name is accepted.
         */
        Optional<List<String>> serviceClusters();
    }
}
