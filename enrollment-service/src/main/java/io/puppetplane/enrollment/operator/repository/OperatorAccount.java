package io.puppetplane.enrollment.operator.repository;

import java.time.Instant;

/** One operator: its name, its role and the hash of its password. */
public record OperatorAccount(String name, OperatorRole role, String passwordHash, Instant createdAt,
        Instant updatedAt) {
}
