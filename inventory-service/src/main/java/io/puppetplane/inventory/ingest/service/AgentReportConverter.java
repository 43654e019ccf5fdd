package io.puppetplane.inventory.ingest.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.inventory.wire.WireTime;

/**
 * Turns a report as the Puppet 7 agent sends it ({@code Puppet::Transaction::Report#to_data_hash}) into the
 * {@code store report} v8 payload, field by field as Puppet's {@code puppetdb} report processor builds it
 * ({@code puppet/reports/puppetdb.rb} of the terminus): end time = start + {@code time.total}, metrics flattened to
 * {category, name, value}, only resources with events or skipped ones, event values as Ruby's {@code to_s} shows
 * them, catalog_uuid defaulting to the transaction's.
 */
public final class AgentReportConverter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AgentReportConverter() {
    }

    public static ObjectNode toStoreReport(JsonNode report, Instant producerTimestamp, String producer) {
        if (report == null || !report.isObject()) {
            throw new InvalidCommandException("the report is not a JSON object");
        }
        Instant start = time(report, "time");
        if (start == null) {
            throw new InvalidCommandException("the report has no 'time'");
        }
        ArrayNode resources = resources(report.path("resource_statuses"));
        ObjectNode out = JSON.objectNode();
        out.put("certname", text(report, "host"));
        out.set("job_id", report.path("job_id").isMissingNode() ? JSON.nullNode() : report.get("job_id"));
        out.put("puppet_version", text(report, "puppet_version"));
        out.set("report_format", report.path("report_format"));
        out.put("configuration_version", report.path("configuration_version").isNull()
                || report.path("configuration_version").isMissingNode() ? ""
                        : report.get("configuration_version").asText());
        out.put("producer_timestamp", WireTime.format(producerTimestamp));
        out.put("start_time", WireTime.format(start));
        out.put("end_time", WireTime.format(start.plusNanos(runNanos(report.path("metrics")))));
        out.put("environment", text(report, "environment"));
        out.put("transaction_uuid", text(report, "transaction_uuid"));
        out.put("status", text(report, "status"));
        out.put("noop", noop(report, resources));
        copy(report, out, "noop_pending");
        copy(report, out, "corrective_change");
        out.set("logs", logs(report.path("logs")));
        out.set("metrics", metrics(report.path("metrics")));
        out.set("resources", resources);
        String catalogUuid = text(report, "catalog_uuid");
        out.put("catalog_uuid", catalogUuid == null ? text(report, "transaction_uuid") : catalogUuid);
        copy(report, out, "code_id");
        copy(report, out, "cached_catalog_status");
        out.put("producer", producer);
        return out;
    }

    /** Without a noop flag: noop if some event was a noop and none enforced anything (the processor's rule). */
    private static boolean noop(JsonNode report, ArrayNode resources) {
        JsonNode noop = report.get("noop");
        if (noop != null && !noop.isNull()) {
            return noop.asBoolean();
        }
        boolean anyNoop = false;
        for (JsonNode resource : resources) {
            for (JsonNode event : resource.path("events")) {
                if ("noop".equals(event.path("status").asText())) {
                    anyNoop = true;
                } else {
                    return false;
                }
            }
        }
        return anyNoop;
    }

    /** {@code metrics.time.total} in seconds; failed runs have no metrics and count 0 as in the processor. */
    private static long runNanos(JsonNode metrics) {
        for (JsonNode value : metrics.path("time").path("values")) {
            if ("total".equals(value.path(0).asText()) && value.path(2).isNumber()) {
                return value.get(2).decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L)).longValue();
            }
        }
        return 0;
    }

    private static ArrayNode logs(JsonNode logs) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode log : logs) {
            ObjectNode l = out.addObject();
            copy(log, l, "file");
            copy(log, l, "line");
            copy(log, l, "level");
            copy(log, l, "message");
            copy(log, l, "source");
            l.set("tags", log.path("tags").isArray() ? log.get("tags") : JSON.arrayNode());
            Instant time = time(log, "time");
            l.put("time", time == null ? null : WireTime.format(time));
        }
        return out;
    }

    private static ArrayNode metrics(JsonNode metrics) {
        ArrayNode out = JSON.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext();) {
            JsonNode category = it.next().getValue();
            for (JsonNode value : category.path("values")) {
                ObjectNode m = out.addObject();
                m.put("category", category.path("name").asText());
                m.set("name", value.path(0));
                m.set("value", value.path(2));
            }
        }
        return out;
    }

    private static ArrayNode resources(JsonNode statuses) {
        ArrayNode out = JSON.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = statuses.fields(); it.hasNext();) {
            JsonNode status = it.next().getValue();
            JsonNode events = status.path("events");
            boolean skipped = status.path("skipped").asBoolean(false);
            if (!skipped && (!events.isArray() || events.isEmpty())) {
                continue;
            }
            ObjectNode r = out.addObject();
            r.put("skipped", skipped);
            Instant time = time(status, "time");
            r.put("timestamp", time == null ? null : WireTime.format(time));
            r.put("resource_type", text(status, "resource_type"));
            r.put("resource_title", status.path("title").asText());
            copy(status, r, "file");
            copy(status, r, "line");
            r.set("containment_path", status.path("containment_path").isArray() ? status.get("containment_path")
                    : JSON.nullNode());
            copy(status, r, "corrective_change");
            ArrayNode outEvents = r.putArray("events");
            for (JsonNode event : events) {
                ObjectNode e = outEvents.addObject();
                copy(event, e, "status");
                Instant eventTime = time(event, "time");
                e.put("timestamp", eventTime == null ? null : WireTime.format(eventTime));
                copy(event, e, "name");
                copy(event, e, "property");
                e.put("new_value", RubyText.of(event.get("desired_value")));
                e.put("old_value", RubyText.of(event.get("previous_value")));
                copy(event, e, "corrective_change");
                copy(event, e, "message");
            }
        }
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        to.set(field, value == null ? JSON.nullNode() : value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant time(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : WireTime.parse(text).orElse(null);
    }
}
