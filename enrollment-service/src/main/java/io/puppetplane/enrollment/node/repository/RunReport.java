package io.puppetplane.enrollment.node.repository;

import java.time.Instant;
import java.util.List;

/** The summary of one agent run, as kept for the inventory. */
public record RunReport(String certname, String status, String environment, String configurationVersion,
        String transactionUuid, boolean noop, Instant runAt, Instant receivedAt, List<ReportEvent> events) {

    public RunReport {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** The events that failed, for a quick look. */
    public List<ReportEvent> failures() {
        return events.stream().filter(e -> e.status().equals("failure") || e.status().equals("error")).toList();
    }
}
