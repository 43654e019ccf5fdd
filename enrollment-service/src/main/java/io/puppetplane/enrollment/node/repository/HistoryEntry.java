package io.puppetplane.enrollment.node.repository;

import java.time.Instant;

/** One recorded state change of a node. */
public record HistoryEntry(String certname, String fromState, String toState, String reason, Instant changedAt) {
}
