package io.puppetplane.inventory.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.inventory.wire.SortedJson;
import io.puppetplane.inventory.wire.WireTime;

/** {@code store report} v5–v8: one agent run, its events flattened as PuppetDB stores them. */
public record ReportPayload(String certname, String puppetVersion, int reportFormat, String configurationVersion,
        Instant startTime, Instant endTime, Instant producerTimestamp, String producer, String transactionUuid,
        String catalogUuid, String codeId, String jobId, String cachedCatalogStatus, String environment,
        String status, Boolean noop, Boolean noopPending, Boolean correctiveChange, String type, JsonNode metrics,
        JsonNode logs, List<Event> events) {

    /** A resource event; a skipped resource becomes one with status {@code skipped}, as in PuppetDB. */
    public record Event(String status, Instant timestamp, String resourceType, String resourceTitle, String property,
            String name, JsonNode newValue, JsonNode oldValue, String message, String file, Integer line,
            List<String> containmentPath, String containingClass, Boolean correctiveChange) {

        /** PuppetDB deduplicates a report's events by a hash of their content. */
        public String hash() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("status", status);
            n.put("timestamp", timestamp == null ? null : WireTime.format(timestamp));
            n.put("resource_type", resourceType);
            n.put("resource_title", resourceTitle);
            n.put("property", property);
            n.put("name", name);
            n.set("new_value", newValue);
            n.set("old_value", oldValue);
            n.put("message", message);
            n.put("file", file);
            if (line != null) {
                n.put("line", line);
            }
            n.set("containment_path", containmentPath == null ? null
                    : JsonNodeFactory.instance.arrayNode().addAll(containmentPath.stream()
                            .map(JsonNodeFactory.instance::textNode).toList()));
            return SortedJson.sha1(n);
        }
    }

    /** PuppetDB's report identity: a report sent twice (a retried submission) is stored once. */
    public String hash() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("certname", certname);
        n.put("puppet_version", puppetVersion);
        n.put("report_format", reportFormat);
        n.put("configuration_version", configurationVersion);
        n.put("start_time", WireTime.format(startTime));
        n.put("end_time", WireTime.format(endTime));
        n.put("producer_timestamp", WireTime.format(producerTimestamp));
        n.put("transaction_uuid", transactionUuid);
        return SortedJson.sha1(n);
    }

    static ReportPayload read(Command command) {
        PayloadFields f = new PayloadFields(command.payload(), "store report payload");
        Integer format = f.optionalInteger("report_format");
        if (format == null) {
            throw new InvalidCommandException("store report payload has no integer 'report_format'");
        }
        List<Event> events = new ArrayList<>();
        JsonNode resources = f.node().get("resources");
        if (resources != null && !resources.isNull()) {
            for (JsonNode resource : f.requiredArray("resources")) {
                events.addAll(eventsOf(new PayloadFields(resource, "report resource")));
            }
        } else if (f.node().has("resource_events")) {
            // v5 sends the events flat, each with its resource's fields
            for (JsonNode event : f.requiredArray("resource_events")) {
                PayloadFields e = new PayloadFields(event, "resource event");
                events.add(event(e, e.requiredText("resource_type"), e.requiredText("resource_title"),
                        e.optionalText("file"), e.optionalInteger("line"), e.optionalStrings("containment_path")));
            }
        }
        Instant producerTimestamp = f.optionalTime("producer_timestamp");
        String transactionUuid = f.optionalText("transaction_uuid");
        String catalogUuid = f.optionalText("catalog_uuid");
        String type = f.optionalText("type");
        JsonNode metrics = f.node().get("metrics");
        JsonNode logs = f.node().get("logs");
        return new ReportPayload(f.certname(), f.requiredText("puppet_version"), format,
                f.requiredText("configuration_version"), f.requiredTime("start_time"), f.requiredTime("end_time"),
                producerTimestamp != null ? producerTimestamp
                        : command.producerTimestamp().orElse(command.receivedAt()),
                f.optionalText("producer"), transactionUuid, catalogUuid == null ? transactionUuid : catalogUuid,
                f.optionalText("code_id"), f.optionalText("job_id"), f.optionalText("cached_catalog_status"),
                f.optionalText("environment"), f.optionalText("status"), f.optionalBoolean("noop"),
                // corrective_change: a PE feature, open-source PuppetDB stores none
                f.optionalBoolean("noop_pending"), null,
                type == null ? "agent" : type,
                metrics == null || metrics.isNull() ? JsonNodeFactory.instance.arrayNode() : metrics,
                logs == null || logs.isNull() ? JsonNodeFactory.instance.arrayNode() : logs, events);
    }

    private static List<Event> eventsOf(PayloadFields r) {
        String type = r.requiredText("resource_type");
        String title = r.requiredText("resource_title");
        String file = r.optionalText("file");
        Integer line = r.optionalInteger("line");
        List<String> containment = r.optionalStrings("containment_path");
        List<Event> events = new ArrayList<>();
        if (Boolean.TRUE.equals(r.optionalBoolean("skipped"))) {
            events.add(new Event("skipped", r.optionalTime("timestamp"), type, title, null, null, null, null, null,
                    file, line, containment, containingClass(containment), null));
            return events;
        }
        JsonNode list = r.node().get("events");
        if (list != null && list.isArray()) {
            for (JsonNode event : list) {
                events.add(event(new PayloadFields(event, "resource event"), type, title, file, line, containment));
            }
        }
        return events;
    }

    private static Event event(PayloadFields e, String type, String title, String file, Integer line,
            List<String> containment) {
        String status = e.requiredText("status");
        return new Event(status, e.optionalTime("timestamp"), type, title, e.optionalText("property"),
                e.optionalText("name"), value(e.node().get("new_value")), value(e.node().get("old_value")),
                e.optionalText("message"), file, line, containment, containingClass(containment),
                null); // corrective_change: PE only, as for the report
    }

    private static JsonNode value(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /** The innermost class of a containment path: an entry without a title in brackets ({@code storage.clj}). */
    static String containingClass(List<String> containmentPath) {
        if (containmentPath == null) {
            return null;
        }
        for (int i = containmentPath.size() - 1; i >= 0; i--) {
            String entry = containmentPath.get(i);
            if (entry != null && !entry.isEmpty() && !entry.contains("[")) {
                return entry;
            }
        }
        return null;
    }
}
