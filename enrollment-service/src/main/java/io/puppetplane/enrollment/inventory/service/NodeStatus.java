package io.puppetplane.enrollment.inventory.service;

import java.time.Instant;

/**
 * A node as the inventory's {@code nodes} endpoint shows it: when its facts and latest report were stored, the
 * latest report's status (PuppetDB's latest report: the newest by producer time), whether that run was a no-op run
 * and whether it left changes pending (noop), and whether the inventory deactivated it (a decommissioned node).
 */
public record NodeStatus(String certname, Instant deactivated, Instant factsTimestamp, Instant reportTimestamp,
        String latestReportStatus, boolean latestReportNoop, boolean latestReportNoopPending,
        String reportEnvironment) {
}
