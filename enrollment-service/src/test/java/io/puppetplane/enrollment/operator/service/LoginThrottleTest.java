package io.puppetplane.enrollment.operator.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final StepClock clock = new StepClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void locksANameOutAfterTooManyWrongPasswordsUntilTheLockoutPasses() {
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.allows("alice"), "attempt " + (i + 1) + " is allowed");
            throttle.failed("alice");
        }
        assertFalse(throttle.allows("alice"), "the fourth attempt is refused without a check");
        assertTrue(throttle.allows("bob"), "other names are not affected");

        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertTrue(throttle.allows("alice"), "allowed again once the lockout has passed");
    }

    @Test
    void aSuccessOrAQuietWindowForgetsEarlierFailures() {
        throttle.failed("alice");
        throttle.failed("alice");
        throttle.succeeded("alice");
        throttle.failed("alice");
        throttle.failed("alice");
        assertTrue(throttle.allows("alice"), "a success resets the count");

        clock.now = clock.now.plus(Duration.ofMinutes(16));
        throttle.failed("alice");
        assertTrue(throttle.allows("alice"), "failures older than the window do not add up");
    }
}
