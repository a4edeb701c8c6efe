package io.airlock.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Who may write, and whether anyone may read. Every service honours the same keys, so that one credential works
 * across the suite (environment: {@code AIRLOCK_ADMIN_USER}, {@code AIRLOCK_ADMIN_PASSWORD} or
 * {@code AIRLOCK_ADMIN_PASSWORD_HASH}, {@code AIRLOCK_AUTH_ANONYMOUS_READ}).
 */
@ConfigMapping(prefix = "airlock")
public interface AuthConfig {

    Admin admin();

    Auth auth();

    interface Admin {
        /** User name of the admin credential (HTTP Basic). */
        @WithDefault("admin")
        String user();

        /**
         * The admin password in clear text, as handed over by the environment. It is hashed at start and the clear text
         * is not kept. When neither this nor {@link #passwordHash()} is set, a random password is generated and logged
         * once.
         */
        Optional<String> password();

        /**
         * The admin password as a PBKDF2 hash ({@code pbkdf2-sha256:<iterations>:<salt>:<hash>}, see
         * {@link PasswordHash}); preferred over {@link #password()} in a cluster, since the Secret then holds no
         * password.
         */
        @WithName("password-hash")
        Optional<String> passwordHash();
    }

    interface Auth {
        /** Whether reads (downloads, pulls, listings) are allowed without credentials. Writes always need them. */
        @WithDefault("true")
        boolean anonymousRead();
    }
}
