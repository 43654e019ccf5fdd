package io.puppetplane.enrollment.node.repository;

import java.time.Instant;

/** The summary of one agent run, as kept for the inventory. */
public record RunReport(String certname, String status, String environment, String configurationVersion,
        String transactionUuid, boolean noop, Instant runAt, Instant receivedAt) {
}
