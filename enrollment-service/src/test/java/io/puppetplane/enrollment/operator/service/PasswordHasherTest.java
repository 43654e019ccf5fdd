package io.puppetplane.enrollment.operator.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void matchesItsOwnHashOnly() {
        String hash = hasher.hash("correct horse battery".toCharArray());

        assertTrue(PasswordHasher.matches("correct horse battery".toCharArray(), hash), "the right password matches");
        assertFalse(PasswordHasher.matches("correct horse batterY".toCharArray(), hash), "one character off fails");
        assertFalse(PasswordHasher.matches("".toCharArray(), hash), "empty fails");
    }

    @Test
    void saltsEveryHashAndKeepsItsCost() {
        String a = hasher.hash("same password".toCharArray());
        String b = hasher.hash("same password".toCharArray());

        assertNotEquals(a, b, "two hashes of one password differ by their salt");
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"), "scheme and iterations are stored: " + a);
        assertTrue(PasswordHasher.matches("same password".toCharArray(),
                new PasswordHasher(5000).hash("same password".toCharArray())), "a hash of another cost still checks");
    }

    @Test
    void refusesForeignOrDamagedHashes() {
        assertFalse(PasswordHasher.matches("x".toCharArray(), "plain text"), "not our format");
        assertFalse(PasswordHasher.matches("x".toCharArray(), "pbkdf2-sha256$1000$!!$!!"), "bad base64");
        assertFalse(PasswordHasher.matches("x".toCharArray(), "md5$1$a$b"), "other scheme");
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10), "too cheap a cost is refused");
    }
}
