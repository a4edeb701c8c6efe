package io.airlock.trivydb.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of trivydb-service itself (storage and the admin credential are the libraries' keys:
 * {@code airlock.storage.*}, {@code airlock.admin.*}, {@code airlock.auth.anonymous-read}). Environment variables
 * follow the usual mapping, e.g. {@code AIRLOCK_TRIVYDB_TOKEN_SIGNING_KEY}.
 */
@ConfigMapping(prefix = "airlock.trivydb")
public interface TrivyDbConfig {

    Token token();

    Gc gc();

    /**
     * Host (and port) under which clusters pull from this registry, as configured in trivy-operator's
     * {@code trivy.dbRegistry}. Used to tell the catalog where each database is served; must equal the catalog's
     * {@code airlock.catalog.welkin.registry-host}.
     */
    @WithDefault("registry.air-gapped.internal")
    String publicHost();

    /** The Bearer token flow of Docker/OCI clients ({@code GET /v2/} challenge, then {@code /v2/token}). */
    interface Token {
        /**
         * Secret that signs registry tokens (HMAC-SHA256), at least 32 characters. Every replica must share it, so in a
         * cluster set it from a Secret; when unset, a random key is generated at start, which only works with one
         * replica (a token issued by one replica would be refused by another) and invalidates tokens on restart.
         */
        Optional<String> signingKey();

        /** How long an issued token is valid; clients fetch a new one when it expires. */
        @WithDefault("PT15M")
        Duration ttl();

        /** The {@code service} named in the challenge and expected back from clients at the token endpoint. */
        @WithDefault("airlock-trivydb")
        String service();
    }

    /** Garbage collection of unreferenced blobs and abandoned uploads. */
    interface Gc {
        /** Whether the scheduled collection runs on this replica. Running it on several replicas is safe. */
        @WithDefault("true")
        boolean enabled();

        /** How often the collection runs (Quarkus scheduler syntax, e.g. {@code 1h}, {@code 30m}). */
        @WithDefault("1h")
        String interval();

        /**
         * Nothing written or linked more recently than this is deleted: it covers a push in progress (blobs uploaded,
         * manifest not yet pushed). Must exceed the longest push.
         */
        @WithDefault("PT1H")
        Duration grace();

        /** Upload sessions that received nothing for this long are abandoned and removed. */
        @WithDefault("PT24H")
        Duration uploadMaxAge();
    }
}
