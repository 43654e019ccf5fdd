package io.puppetplane.enrollment.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The reading of a report as PuppetDB's reports endpoint answers it (the whole shape: RecordedInventoryAnswersTest). */
class ReportEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsInRunOrderThenErrorLogs() throws Exception {
        List<ReportEvent> events = ReportEvents.from(JSON.readTree("""
                {"resource_events": {"href": "/pdb/query/v4/reports/ab/events", "data": [
                   {"status": "failure", "timestamp": "2100-01-05T10:00:07.000Z", "resource_type": "Service",
                    "resource_title": "eucalyptus-nc", "property": "ensure", "message": "Could not start"},
                   {"status": "success", "timestamp": "2100-01-05T10:00:06.000Z", "resource_type": "File",
                    "resource_title": "/etc/role", "property": "content", "message": "content changed"}]},
                 "logs": {"href": "/pdb/query/v4/reports/ab/logs", "data": [
                   {"level": "notice", "source": "Puppet", "message": "Applied catalog"},
                   {"level": "crit", "source": "Puppet", "message": "disk full"}]}}
                """));

        assertEquals(List.of(new ReportEvent("File[/etc/role]", "success", "content changed"),
                new ReportEvent("Service[eucalyptus-nc]", "failure", "Could not start"),
                new ReportEvent("Puppet", "error", "disk full")), events,
                "PuppetDB does not order a report's events: by time; only error logs");
    }

    @Test
    void aReportWithoutEventsOrNotAnObjectGivesNone() throws Exception {
        assertTrue(ReportEvents.from(null).isEmpty(), "no report");
        assertTrue(ReportEvents.from(JSON.readTree("[1,2]")).isEmpty(), "not an object");
        assertTrue(ReportEvents.from(JSON.readTree("{\"status\":\"unchanged\"}")).isEmpty(), "a summary");
    }

    @Test
    void aHugeRunIsCappedAtMax() {
        ObjectNode report = JSON.createObjectNode();
        ArrayNode data = report.putObject("resource_events").putArray("data");
        for (int i = 0; i < ReportEvents.MAX + 50; i++) {
            data.addObject().put("status", "success").put("resource_type", "File").put("resource_title", "/f" + i)
                    .put("message", "created");
        }
        report.putObject("logs").putArray("data").addObject().put("level", "err").put("message", "late error");
        assertEquals(ReportEvents.MAX, ReportEvents.from(report).size(), "at most MAX events per run");
    }
}
