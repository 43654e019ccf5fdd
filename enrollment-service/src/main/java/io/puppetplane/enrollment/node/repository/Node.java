package io.puppetplane.enrollment.node.repository;

import java.time.Instant;
import java.util.Map;

/** A node as stored: what was asked for (address, kind, role, classes) and where its enrollment stands. */
public record Node(String certname, String address, NodeKind kind, String role,
        Map<String, Map<String, Object>> classes, NodeState state, Instant stateChangedAt, String failureReason,
        int retryCount, Instant nextRetryAt, NodeState resumeState, Instant createdAt, Instant updatedAt) {
}
