package io.puppetplane.enrollment.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.enrollment.node.repository.ReportEvent;

public class ReportEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shape Puppet 7 agents send (trimmed): resource_statuses with events, and logs with levels. */
    public static JsonNode failedRun() throws Exception {
        return JSON.readTree("""
                {"status": "failed",
                 "resource_statuses": {
                   "File[/etc/role]": {"failed": false, "events": [
                     {"property": "content", "status": "success", "message": "content changed '{md5}a' to '{md5}b'"}]},
                   "Service[eucalyptus-nc]": {"failed": true, "events": [
                     {"property": "ensure", "status": "failure", "message": "Could not start Service[eucalyptus-nc]"}]},
                   "Exec[register]": {"failed": true, "events": []},
                   "Package[ntp]": {"failed": false, "events": []}},
                 "logs": [
                   {"level": "notice", "source": "Puppet", "message": "Applied catalog in 1.2 seconds"},
                   {"level": "err", "source": "/Stage[main]/Nc/Service[eucalyptus-nc]", "message": "Systemd start failed"}]}
                """);
    }

    @Test
    void takesResourceEventsFailuresAndErrorLogs() throws Exception {
        List<ReportEvent> events = ReportEvents.from(failedRun());

        assertEquals(List.of(
                new ReportEvent("File[/etc/role]", "success", "content changed '{md5}a' to '{md5}b'"),
                new ReportEvent("Service[eucalyptus-nc]", "failure", "Could not start Service[eucalyptus-nc]"),
                new ReportEvent("Exec[register]", "failure", "the resource failed"),
                new ReportEvent("/Stage[main]/Nc/Service[eucalyptus-nc]", "error", "Systemd start failed")), events,
                "changes and failures in report order, unchanged resources and notices left out");
    }

    @Test
    void aReportWithoutDetailOrNotAnObjectGivesNone() throws Exception {
        assertTrue(ReportEvents.from(null).isEmpty(), "no report");
        assertTrue(ReportEvents.from(JSON.readTree("[1,2]")).isEmpty(), "not an object");
        assertTrue(ReportEvents.from(JSON.readTree("{\"status\":\"unchanged\"}")).isEmpty(), "no statuses");
    }

    @Test
    void aHugeRunIsCappedAtMax() {
        ObjectNode report = JSON.createObjectNode();
        ObjectNode statuses = report.putObject("resource_statuses");
        for (int i = 0; i < ReportEvents.MAX + 50; i++) {
            statuses.putObject("File[/f" + i + "]").putArray("events").addObject().put("status", "success")
                    .put("message", "created");
        }
        assertEquals(ReportEvents.MAX, ReportEvents.from(report).size(), "at most MAX events per run");
    }
}
