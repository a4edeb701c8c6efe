package io.airlock.trivydb.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.trivydb.config.TrivyDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Issues and verifies the registry's Bearer tokens: {@code base64url(claims JSON) "." base64url(HMAC-SHA256)}.
 * Clients treat tokens as opaque; only this service reads them.
 *
 * <p>The HMAC key comes from {@code airlock.trivydb.token.signing-key}. Replicas behind one Service MUST share that
 * key through configuration: a key generated at start (the fallback) is known to one replica only, so its tokens are
 * refused by the others.
 */
@ApplicationScoped
public class TokenService {
    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What a token lets its bearer do. */
    public enum Access {
        PULL,
        PUSH
    }

    /**
     * The claims a token carries.
     *
     * @param sub who it was issued to ({@code anonymous} or a user name)
     * @param access what it grants
     * @param exp expiry, seconds since the epoch
     */
    public record Claims(String sub, Access access, long exp) {}

    /** An issued token and how long it lives. */
    public record Issued(String token, Duration ttl, Instant issuedAt) {}

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public TokenService(TrivyDbConfig config, Clock clock) {
        this.ttl = config.token().ttl();
        this.clock = clock;
        Optional<String> configured = config.token().signingKey().filter(k -> !k.isBlank());
        if (configured.isPresent()) {
            if (configured.get().length() < 32) {
                throw new IllegalStateException("airlock.trivydb.token.signing-key must have at least 32 characters");
            }
            this.key = configured.get().getBytes(StandardCharsets.UTF_8);
        } else {
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
            LOG.warn("No airlock.trivydb.token.signing-key set: registry tokens are signed with a key generated at"
                    + " start; set a shared key (from a Secret) when running more than one replica");
        }
    }

    public Issued issue(String subject, Access access) {
        Instant now = clock.instant();
        Claims claims = new Claims(subject, access, now.plus(ttl).getEpochSecond());
        try {
            String payload = B64.encodeToString(json.writeValueAsBytes(claims));
            return new Issued(payload + "." + B64.encodeToString(mac(payload)), ttl, now);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a valid, unexpired token; empty for anything else. */
    public Optional<Claims> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] presented = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, mac(payload))) {
                return Optional.empty();
            }
            Claims claims = json.readValue(B64D.decode(payload), Claims.class);
            if (claims.access() == null || claims.exp() < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
        }
    }
}
