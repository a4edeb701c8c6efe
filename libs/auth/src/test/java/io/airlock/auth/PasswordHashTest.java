package io.airlock.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void hashMatchesOnlyItsPasswordAndSurvivesEncoding() {
        PasswordHash h = PasswordHash.of("s3cret-ä");
        assertTrue(h.matches("s3cret-ä"));
        assertFalse(h.matches("s3cret-a"));
        assertFalse(h.matches(""));
        PasswordHash parsed = PasswordHash.parse(h.encode());
        assertTrue(parsed.matches("s3cret-ä"));
        assertEquals(h.encode(), parsed.encode());
    }

    @Test
    void saltMakesEachHashDifferent() {
        assertNotEquals(PasswordHash.of("x").encode(), PasswordHash.of("x").encode());
    }

    @Test
    void malformedHashesAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("plaintext"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:many:AA==:AA=="));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:10:AA==:AA=="));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5:1:2:3"));
    }
}
