package io.puppetplane.events.payload;

import java.time.Instant;

/**
 * An operator did (or tried) something that changes the plane: {@code action} such as {@code node.classify} or
 * {@code certificate.sign}, on {@code target} (a certname or an account name), with {@code outcome} {@code done} or
 * {@code refused} and the reason in {@code detail}. {@code actor} is the authenticated account, {@code actorRole}
 * its role at the time.
 */
public record OperatorActionRecorded(String actor, String actorRole, String action, String target, String outcome,
        String detail, String clientAddress, Instant at) {
}
