package io.airlock.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether anyone may read ({@code AIRLOCK_AUTH_ANONYMOUS_READ}). Writes always need the admin credential. */
@ConfigMapping(prefix = "airlock.auth")
public interface AccessConfig {

    /** Whether reads (downloads, pulls, listings) are allowed without credentials. */
    @WithDefault("true")
    boolean anonymousRead();
}
