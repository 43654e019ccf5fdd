package io.puppetplane.enrollment.operator.repository;

import java.time.Instant;

/** One line of the audit trail. */
public record OperatorAction(long id, String actor, String actorRole, String action, String target, String outcome,
        String detail, String clientAddress, Instant at) {
}
