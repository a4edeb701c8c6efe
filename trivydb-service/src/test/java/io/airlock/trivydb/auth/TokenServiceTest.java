package io.airlock.trivydb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.trivydb.config.TrivyDbConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static TrivyDbConfig config(String key) {
        return new TrivyDbConfig() {
            @Override
            public Token token() {
                return new Token() {
                    @Override
                    public Optional<String> signingKey() {
                        return Optional.ofNullable(key);
                    }

                    @Override
                    public Duration ttl() {
                        return Duration.ofMinutes(15);
                    }

                    @Override
                    public String service() {
                        return "airlock-trivydb";
                    }
                };
            }

            @Override
            public Gc gc() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String publicHost() {
                throw new UnsupportedOperationException();
            }
        };
    }

    static TokenService at(String key, Instant now) {
        return new TokenService(config(key), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void tokensVerifyOnEveryReplicaSharingTheKeyUntilTheyExpire() {
        String key = "k".repeat(32);
        String token = at(key, NOW).issue("admin", TokenService.Access.PUSH).token();
        TokenService.Claims claims = at(key, NOW.plusSeconds(60)).verify(token).orElseThrow();
        assertEquals("admin", claims.sub());
        assertEquals(TokenService.Access.PUSH, claims.access());
        assertTrue(at(key, NOW.plus(Duration.ofMinutes(16))).verify(token).isEmpty(), "expired");
        assertTrue(at("x".repeat(32), NOW).verify(token).isEmpty(), "another key");
        assertTrue(at(null, NOW).verify(token).isEmpty(), "a generated key");
    }

    @Test
    void tamperedAndMalformedTokensAreRefused() {
        TokenService tokens = at("k".repeat(32), NOW);
        String token = tokens.issue("anonymous", TokenService.Access.PULL).token();
        String payload = token.substring(0, token.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                new String(java.util.Base64.getUrlDecoder().decode(payload))
                                        .replace("PULL", "PUSH")
                                        .getBytes())
                + token.substring(token.indexOf('.'));
        assertTrue(tokens.verify(forged).isEmpty());
        for (String bad : new String[] {"", ".", "a.b", "a.b.c", "!!!.???", payload}) {
            assertTrue(tokens.verify(bad).isEmpty(), bad);
        }
        assertThrows(IllegalStateException.class, () -> at("short", NOW));
    }
}
