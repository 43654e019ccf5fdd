package io.puppetplane.enrollment.operator.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Slows password guessing: after {@code maxFailures} wrong passwords for one name within {@code lockout}, that name
 * is refused without a check until {@code lockout} has passed since the last failure. Per replica, in memory (a
 * guesser spread over N replicas gets N times the attempts, still a handful per quarter hour).
 */
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private record Failures(int count, Instant last) {
    }

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Whether {@code name} may try a password now. */
    public boolean allows(String name) {
        Failures f = failures.get(name);
        if (f == null || f.count() < maxFailures) {
            return true;
        }
        if (clock.instant().isAfter(f.last().plus(lockout))) {
            failures.remove(name, f);
            return true;
        }
        return false;
    }

    public void failed(String name) {
        Instant now = clock.instant();
        Failures f = failures.compute(name, (k, old) -> old == null || now.isAfter(old.last().plus(lockout))
                ? new Failures(1, now) : new Failures(old.count() + 1, now));
        if (f.count() == maxFailures) {
            LOG.warnf("%d wrong passwords for operator '%s': its logins are refused for %s", maxFailures, name,
                    lockout);
        }
    }

    public void succeeded(String name) {
        failures.remove(name);
    }
}
