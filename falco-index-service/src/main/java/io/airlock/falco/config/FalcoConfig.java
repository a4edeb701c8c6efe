package io.airlock.falco.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything falco-index-service can be told (environment: {@code AIRLOCK_FALCO_REGISTRY_HOST},
 * {@code AIRLOCK_FALCO_INDEX_COSIGN_KEY}, ...). The defaults work on one machine next to the file server.
 */
@ConfigMapping(prefix = "airlock.falco")
public interface FalcoConfig {

    /**
     * The file server's storage namespace ({@code airlock.storage.namespace} of fileserver-service). Drivers are
     * published there under {@code <driverVersion>/<arch>/<file>} and the index under {@link Index#path()}, so that
     * the file server serves them at exactly the URLs the driver loader and falcoctl request.
     */
    @WithDefault("files")
    String filesNamespace();

    /**
     * Base URL under which nodes reach the file server (the driver loader's {@code repoURL}); used to tell the catalog
     * where each driver is served. Must equal the file server's {@code airlock.fileserver.public-url}.
     */
    @WithDefault("http://fileserver.air-gapped.internal:8080")
    String fileserverUrl();

    /**
     * The registry host (and port) written into every entry of the generated falcoctl index, e.g.
     * {@code registry.air-gapped.internal}: the place inside the air gap where falcoctl pulls rulesfiles and plugins.
     */
    @WithDefault("localhost:8081")
    String registryHost();

    Index index();

    Coverage coverage();

    interface Index {
        /** Key of the generated index in the file server's tree; the file server serves it at {@code /<path>}. */
        @WithDefault("falcoctl/index.yaml")
        String path();

        /**
         * The signer of the hosted artifacts, written into each entry as its {@code signature.cosign} block. falcoctl
         * verifies index signatures keyless only (certificate identity and OIDC issuer), so this names an
         * operator-run signer (a private Sigstore inside the air gap). Unset: entries carry no signature block, since
         * upstream's keyless signatures cannot be verified without internet access.
         */
        Signature signature();

        /** Largest upstream index accepted by {@code PUT /api/v1/index/upstream}, in bytes. */
        @WithDefault("8388608")
        int maxUpstreamBytes();
    }

    /** The keyless cosign constraints falcoctl supports in an index entry; any unset key is left out. */
    interface Signature {
        /** {@code certificate-oidc-issuer}: the OIDC issuer of the signing certificate. */
        Optional<String> certificateOidcIssuer();

        /** {@code certificate-oidc-issuer-regexp}: a regular expression the issuer must match. */
        Optional<String> certificateOidcIssuerRegexp();

        /** {@code certificate-identity}: the signer's identity (e-mail or URI) in the certificate. */
        Optional<String> certificateIdentity();

        /** {@code certificate-identity-regexp}: a regular expression the identity must match. */
        Optional<String> certificateIdentityRegexp();

        /** {@code certificate-github-workflow}: the workflow name, for certificates issued to CI. */
        Optional<String> certificateGithubWorkflow();
    }

    interface Coverage {
        /**
         * The driver versions the cluster's Falco uses (e.g. {@code 8.1.0+driver}). Unset: every driver version hosted
         * in the file server's tree is checked.
         */
        Optional<List<String>> driverVersions();

        /** The driver name the loader puts first in file names ({@code DRIVER_NAME}, {@code falco} by default). */
        @WithDefault("falco")
        String driverName();

        /**
         * Which artifact the nodes' loader downloads: {@code module} ({@code .ko}, what {@code kind: module} needs)
         * or {@code ebpf} (the legacy probe, {@code .o}).
         */
        @WithDefault("module")
        String kind();

        /** How long a computed coverage report is reused for the metrics before the tree is listed again. */
        @WithDefault("60s")
        Duration refreshAfter();

        /** Largest node document accepted by {@code POST /api/v1/coverage}, in bytes. */
        @WithDefault("33554432")
        int maxNodesBytes();
    }
}
