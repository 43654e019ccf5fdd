package io.puppetplane.enrollment.node.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.enrollment.node.repository.ReportEvent;

/**
 * Reads the resource events and error logs out of an agent's report (Puppet's report format: {@code
 * resource_statuses} by resource, each with its {@code events}; {@code logs} with a level). A report without them,
 * or not an object, gives none.
 */
public final class ReportEvents {

    /** Kept per run: a run that changes thousands of files is summarised, not copied. */
    public static final int MAX = 200;

    private static final Set<String> ERROR_LEVELS = Set.of("err", "alert", "emerg", "crit");

    private ReportEvents() {
    }

    public static List<ReportEvent> from(JsonNode report) {
        List<ReportEvent> events = new ArrayList<>();
        if (report == null || !report.isObject()) {
            return events;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("resource_statuses").fields(); it.hasNext()
                && events.size() < MAX;) {
            Map.Entry<String, JsonNode> resource = it.next();
            JsonNode status = resource.getValue();
            int before = events.size();
            for (JsonNode event : status.path("events")) {
                if (events.size() >= MAX) {
                    break;
                }
                events.add(new ReportEvent(resource.getKey(), event.path("status").asText("unknown"),
                        event.path("message").asText("")));
            }
            if (events.size() == before && status.path("failed").asBoolean(false)) {
                events.add(new ReportEvent(resource.getKey(), "failure", "the resource failed"));
            }
        }
        for (JsonNode log : report.path("logs")) {
            if (events.size() >= MAX) {
                break;
            }
            if (ERROR_LEVELS.contains(log.path("level").asText())) {
                events.add(new ReportEvent(log.path("source").asText("Puppet"), "error", log.path("message").asText("")));
            }
        }
        return events;
    }
}
