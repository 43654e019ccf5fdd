package io.puppetplane.enrollment.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.events.payload.ReportReceived;

/**
 * Two nodes' facts and runs, sent to an inventory as the plane's events, then every question
 * {@link PuppetDbQueries} asks, with what the answers must say. {@code RecordedInventoryAnswersTest} asks a real
 * inventory-service (and records its answers); {@code PuppetDbQueriesTest} asks the recording.
 */
final class InventoryScenario {

    static final String WEB = "web1.recorded.test";
    static final String DB = "db1.recorded.test";
    static final String NOBODY = "nobody.recorded.test";
    // Fixed times, so the recording is the same on every run, and in the future, so the inventory's expiry
    // (node-ttl, node-purge-ttl, report-ttl) never takes them.
    static final Instant FACTS_AT = Instant.parse("2100-01-05T10:00:00.000Z");
    static final Instant FAILED_RUN_AT = Instant.parse("2100-01-05T10:00:05.000Z");
    static final Instant UNCHANGED_RUN_AT = Instant.parse("2100-01-05T10:30:05.000Z");
    static final Instant DB_RUN_AT = Instant.parse("2100-01-05T10:10:05.000Z");

    private InventoryScenario() {
    }

    /** What the plane would send: facts of both, a failed then an unchanged run of web1, db1 changed, then gone. */
    static void feed(EventFeed feed, String topicPrefix) {
        feed.sendWithTopicPrefix(topicPrefix, new FactsReceived(WEB, "production", Map.of(
                "os", Map.of("family", "Debian", "release", Map.of("major", "12")), "processors", Map.of("count", 2),
                "role", "nc", "networking", Map.of("ip", "10.0.0.21"), "is_virtual", false), FACTS_AT), WEB);
        feed.sendWithTopicPrefix(topicPrefix, new FactsReceived(DB, "production", Map.of(
                "os", Map.of("family", "RedHat"), "processors", Map.of("count", 8), "role", "cc"), FACTS_AT), DB);
        report(feed, topicPrefix, WEB, "failed", "6f1d6f62-0000-4000-8000-000000000001", FAILED_RUN_AT, true);
        report(feed, topicPrefix, DB, "changed", "6f1d6f62-0000-4000-8000-000000000003", DB_RUN_AT, false);
        report(feed, topicPrefix, WEB, "unchanged", "6f1d6f62-0000-4000-8000-000000000002", UNCHANGED_RUN_AT, false);
        feed.sendWithTopicPrefix(topicPrefix, new NodeStateChanged(DB, "ready", "decommissioned",
                "decommissioned by an operator", DB_RUN_AT.plusSeconds(60)), DB);
    }

    private static void report(EventFeed feed, String topicPrefix, String certname, String status, String tx,
            Instant runAt, boolean failing) {
        feed.sendWithTopicPrefix(topicPrefix, new ReportReceived(certname, "production", status, "1700000000", tx,
                tx, null, false, runAt, EventFeed.agentReport(certname, status, tx, runAt, failing)), certname);
    }

    /** Every answer of the scenario. */
    record Answers(Optional<NodeStatus> web, Optional<NodeStatus> db, Optional<NodeStatus> nobody,
            Map<String, NodeStatus> nodes, Optional<FactSet> webFacts, Optional<FactSet> nobodyFacts,
            List<RunReport> webReports, List<RunReport> webNewestReport, List<RunReport> recent,
            Set<String> latestUnchanged, Set<String> latestChanged, Set<String> debian, Set<String> twoProcessors,
            Set<String> notVirtual) {
    }

    /** The questions, in the order the recording holds them. */
    static Answers ask(PuppetDbQueries inventory) {
        return new Answers(inventory.node(WEB), inventory.node(DB), inventory.node(NOBODY), inventory.nodes(),
                inventory.facts(WEB), inventory.facts(NOBODY), inventory.reports(WEB, 10), inventory.reports(WEB, 1),
                inventory.recentReports(2), inventory.certnamesWithLatestReportStatus("unchanged"),
                inventory.certnamesWithLatestReportStatus("changed"), inventory.certnamesWithFact("os.family", "Debian"),
                inventory.certnamesWithFact("processors.count", "2"), inventory.certnamesWithFact("is_virtual", "false"));
    }

    /** What the answers say of the scenario's nodes. */
    static void assertExpected(Answers a) {
        NodeStatus web = a.web().orElseThrow(() -> new AssertionError("web1 is known: " + a));
        assertEquals("unchanged", web.latestReportStatus(), "the latest report is the newest one: " + web);
        assertEquals(UNCHANGED_RUN_AT.plusMillis(1500), web.reportTimestamp(),
                "report_timestamp is the latest run's end (start + time.total)");
        assertEquals(FACTS_AT, web.factsTimestamp(), "when the facts were received");
        assertNull(web.deactivated(), "web1 is active");
        assertNotNull(a.db().orElseThrow().deactivated(), "a decommissioned node is deactivated, and still shown");
        assertTrue(a.nobody().isEmpty(), "a node without data is not known");
        assertEquals(Set.of(WEB, DB), a.nodes().keySet(), "every node, active or not");

        FactSet facts = a.webFacts().orElseThrow();
        assertEquals(FACTS_AT, facts.timestamp());
        assertEquals("production", facts.environment());
        assertEquals(Map.of("family", "Debian", "release", Map.of("major", "12")), facts.values().get("os"),
                "structured facts keep their structure");
        assertEquals(Map.of("count", 2), facts.values().get("processors"), "numbers stay numbers");
        assertEquals(false, facts.values().get("is_virtual"));
        assertTrue(a.nobodyFacts().isEmpty());

        assertEquals(List.of("unchanged", "failed"), a.webReports().stream().map(RunReport::status).toList(),
                "newest run first");
        RunReport failed = a.webReports().get(1);
        assertEquals(FAILED_RUN_AT, failed.runAt(), "a run is at its start");
        assertEquals("6f1d6f62-0000-4000-8000-000000000001", failed.transactionUuid());
        assertEquals("production", failed.environment());
        assertEquals("1700000000", failed.configurationVersion());
        assertFalse(failed.noop());
        assertNotNull(failed.receivedAt());
        assertEquals(List.of(
                new ReportEvent("File[/etc/role]", "success", "content changed '{md5}a' to '{md5}b'"),
                new ReportEvent("Service[eucalyptus-nc]", "failure", "Could not start Service[eucalyptus-nc]"),
                new ReportEvent("/Stage[main]/Euca_nc/Service[eucalyptus-nc]", "error",
                        "Systemd start for eucalyptus-nc failed!")), failed.events(),
                "resource events, then error logs; notices and unchanged resources left out");
        assertEquals(2, failed.failures().size());
        assertTrue(a.webReports().get(0).events().isEmpty(), "an unchanged run did nothing");
        assertEquals(List.of("unchanged"), a.webNewestReport().stream().map(RunReport::status).toList(), "limit 1");

        assertEquals(List.of(WEB, DB), a.recent().stream().map(RunReport::certname).toList(),
                "the newest runs of every node");
        assertTrue(a.recent().stream().allMatch(r -> r.events().isEmpty() && r.runAt() != null),
                "a summary: no events");
        assertEquals(Set.of(WEB), a.latestUnchanged());
        assertEquals(Set.of(DB), a.latestChanged(), "a deactivated node's latest report counts");
        assertEquals(Set.of(WEB), a.debian(), "a nested fact by its dotted path");
        assertEquals(Set.of(WEB), a.twoProcessors(), "a number compared as its text");
        assertEquals(Set.of(WEB), a.notVirtual(), "a boolean compared as its text");
    }
}
