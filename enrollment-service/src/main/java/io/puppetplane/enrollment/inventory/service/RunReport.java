package io.puppetplane.enrollment.inventory.service;

import java.time.Instant;
import java.util.List;

/**
 * One agent run as the inventory keeps its report: {@code runAt} is the run's start ({@code start_time}),
 * {@code receivedAt} when the inventory stored it ({@code receive_time}); {@code events} what it did or could not do
 * (empty where the query did not ask for them).
 */
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
