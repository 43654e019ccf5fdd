package io.puppetplane.enrollment.operator.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FormTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static FormTokens at(Instant when, String key) {
        return new FormTokens(Optional.of(key), Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void tokenIsValidForItsOperatorOnly() {
        String token = at(NOW, "k1-shared-by-replicas").issue("alice");

        assertTrue(at(NOW, "k1-shared-by-replicas").valid("alice", token), "another replica with the key accepts it");
        assertFalse(at(NOW, "k1-shared-by-replicas").valid("bob", token), "another operator's token is refused");
        assertFalse(at(NOW, "another-key").valid("alice", token), "a token of another key is refused");
    }

    @Test
    void tokenExpires() {
        String token = at(NOW, "k").issue("alice");

        assertTrue(at(NOW.plus(FormTokens.MAX_AGE).minusSeconds(1), "k").valid("alice", token), "just inside");
        assertFalse(at(NOW.plus(FormTokens.MAX_AGE).plusSeconds(1), "k").valid("alice", token), "expired");
        assertFalse(at(NOW.minus(Duration.ofMinutes(5)), "k").valid("alice", token), "from the future");
    }

    @Test
    void malformedTokensAreRefused() {
        FormTokens tokens = at(NOW, "k");
        String token = tokens.issue("alice");
        String changedTime = (NOW.getEpochSecond() - 1) + token.substring(token.indexOf('.'));

        assertFalse(tokens.valid("alice", changedTime), "the time is covered by the MAC");
        for (String bad : new String[] { null, "", ".", "abc", "12.", "x.y", token + "x" }) {
            assertFalse(tokens.valid("alice", bad), "refused: " + bad);
        }
    }
}
