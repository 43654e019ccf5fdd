package io.puppetplane.enrollment.inventory.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads what a run did out of a report as PuppetDB's {@code reports} endpoint answers it: its
 * {@code resource_events} (one per changed, failed, noop or skipped property, as {@code Type[title]}) and the error
 * lines of its {@code logs} (levels err, alert, emerg, crit). Both come expanded ({@code {"href", "data"}}); a
 * report without them, or not an object, gives none.
 */
public final class ReportEvents {

    /** Shown per run: a run that changes thousands of files is summarised, not copied. */
    public static final int MAX = 200;

    private static final Set<String> ERROR_LEVELS = Set.of("err", "alert", "emerg", "crit");

    /** PuppetDB does not order a report's events; by time, then resource and property, they read as the run went. */
    private static final Comparator<JsonNode> RUN_ORDER = Comparator
            .comparing((JsonNode e) -> e.path("timestamp").asText(""))
            .thenComparing(e -> e.path("resource_type").asText("") + "[" + e.path("resource_title").asText("") + "]")
            .thenComparing(e -> e.path("property").asText(""));

    private ReportEvents() {
    }

    public static List<ReportEvent> from(JsonNode report) {
        List<ReportEvent> events = new ArrayList<>();
        if (report == null || !report.isObject()) {
            return events;
        }
        List<JsonNode> resourceEvents = new ArrayList<>();
        report.path("resource_events").path("data").forEach(resourceEvents::add);
        resourceEvents.sort(RUN_ORDER);
        for (JsonNode event : resourceEvents) {
            if (events.size() >= MAX) {
                return events;
            }
            events.add(new ReportEvent(event.path("resource_type").asText("") + "["
                    + event.path("resource_title").asText("") + "]", event.path("status").asText("unknown"),
                    event.path("message").asText("")));
        }
        for (JsonNode log : report.path("logs").path("data")) {
            if (events.size() >= MAX) {
                break;
            }
            if (ERROR_LEVELS.contains(log.path("level").asText())) {
                events.add(new ReportEvent(log.path("source").asText("Puppet"), "error",
                        log.path("message").asText("")));
            }
        }
        return events;
    }
}
