package io.airlock.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The admin credential every service accepts for writes, so that one credential works across the suite (environment:
 * {@code AIRLOCK_ADMIN_USER}, {@code AIRLOCK_ADMIN_PASSWORD} or {@code AIRLOCK_ADMIN_PASSWORD_HASH}).
 */
@ConfigMapping(prefix = "airlock.admin")
public interface AuthConfig {

    /** User name of the admin credential (HTTP Basic). */
    @WithDefault("admin")
    String user();

    /**
     * The admin password in clear text, as handed over by the environment. It is hashed at start and the clear text is
     * not kept. When neither this nor {@link #passwordHash()} is set, a random password is generated and logged once.
     */
    Optional<String> password();

    /**
     * The admin password as a PBKDF2 hash ({@code pbkdf2-sha256:<iterations>:<salt>:<hash>}, see {@link PasswordHash});
     * preferred over {@link #password()} in a cluster, since the Secret then holds no password.
     */
    Optional<String> passwordHash();
}
