package io.airlock.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the form {@code pbkdf2-sha256:<iterations>:<base64 salt>:<base64 hash>}, from
 * the JDK alone. {@code java -cp airlock-auth.jar io.airlock.auth.PasswordHash <password>} prints one for a Secret.
 */
public final class PasswordHash {
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static PasswordHash of(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    /** Parses the encoded form; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.strip().split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("a password hash looks like " + PREFIX + ":<iterations>:<salt>:<hash>");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 10_000) {
                throw new IllegalArgumentException("a password hash needs at least 10000 iterations");
            }
            return new PasswordHash(
                    iterations,
                    Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash iterations must be a number");
        }
    }

    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public String encode() {
        return PREFIX + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by the JDK", e);
        }
    }

    /** Prints the hash of the password given as the only argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PasswordHash <password>");
            System.exit(2);
        }
        System.out.println(of(args[0]).encode());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
