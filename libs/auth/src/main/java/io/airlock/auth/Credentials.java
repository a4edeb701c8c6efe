package io.airlock.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The credentials this service accepts, held only as a hash. Verifying PBKDF2 is deliberately slow (tens of
 * milliseconds), and registry clients send Basic credentials on every request of a push, so successful verifications
 * are remembered for a few minutes, keyed by a SHA-256 of the presented credential.
 */
@Startup
@ApplicationScoped
public class Credentials {
    private static final Logger LOG = Logger.getLogger(Credentials.class);
    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 1024;

    private final String adminUser;
    /**
     * Deriving a PBKDF2 hash costs a few hundred milliseconds on a JVM that has just started (interpreted code): it
     * runs on its own thread beside the start, and the first verification waits for it if it must.
     */
    private final CompletableFuture<PasswordHash> adminHash;

    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public Credentials(AuthConfig config) {
        this.adminUser = config.user();
        if (config.passwordHash().isPresent()) {
            this.adminHash = CompletableFuture.completedFuture(
                    PasswordHash.parse(config.passwordHash().get()));
        } else if (config.password().filter(p -> !p.isBlank()).isPresent()) {
            this.adminHash = hashBesideStart(config.password().get());
        } else {
            String generated = generatePassword();
            this.adminHash = hashBesideStart(generated);
            LOG.warnf(
                    "No AIRLOCK_ADMIN_PASSWORD set: generated admin password for user '%s': %s"
                            + " (shown once; set AIRLOCK_ADMIN_PASSWORD to choose one)",
                    adminUser, generated);
        }
    }

    /** The admin's role name, for identities built from a verified credential. */
    public static final String ADMIN_ROLE = "admin";

    /** The roles of {@code user} when {@code password} is right, else empty. */
    public Optional<String> verify(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        String fingerprint = fingerprint(user, password);
        Instant now = clock.instant();
        Instant until = verified.get(fingerprint);
        if (until != null && until.isAfter(now)) {
            return Optional.of(ADMIN_ROLE);
        }
        boolean ok = MessageDigest.isEqual(PasswordHash.utf8(user), PasswordHash.utf8(adminUser))
                & adminHash.join().matches(password);
        if (!ok) {
            verified.remove(fingerprint);
            return Optional.empty();
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(fingerprint, now.plus(REMEMBER));
        return Optional.of(ADMIN_ROLE);
    }

    private static String fingerprint(String user, String password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(PasswordHash.utf8(user));
            d.update((byte) 0);
            d.update(PasswordHash.utf8(password));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<PasswordHash> hashBesideStart(String password) {
        return CompletableFuture.supplyAsync(() -> PasswordHash.of(password), task -> {
            Thread t = new Thread(task, "airlock-password-hash");
            t.setDaemon(true);
            t.start();
        });
    }

    private static String generatePassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
