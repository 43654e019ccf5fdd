package io.puppetplane.inventory.lifecycle.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.config.InventoryConfig;
import io.puppetplane.inventory.differential.PdbHttp;
import io.puppetplane.inventory.storage.Jdbc;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.inventory.testing.Json;
import io.puppetplane.inventory.testing.Pdb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PuppetDB's collection with its default TTLs (node-ttl 7d, node-purge-ttl 14d, report-ttl 14d), run on a clock
 * set in 2020 so that only this test's nodes, dated before it, are old (the corpus of the other tests is newer).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
class GarbageCollectorTest {

    private static final Instant NOW = Instant.parse("2020-03-01T00:00:00Z");
    private static final List<String> NODES = List.of("gc-stale", "gc-fresh", "gc-gone");

    @Inject
    Jdbc jdbc;

    @Inject
    InventoryConfig config;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void removeNodes() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM certnames WHERE certname = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", NODES.toArray()));
            ps.executeUpdate();
        }
    }

    @Test
    void staleNodesExpireDeactivatedOnesArePurgedAndOldReportsDeleted() {
        facts("gc-stale", "2020-02-01T00:00:00.000Z");
        facts("gc-fresh", "2020-02-28T00:00:00.000Z");
        report("gc-fresh", "2020-02-01T00:00:00.000Z");
        facts("gc-gone", "2020-01-31T00:00:00.000Z");
        command("deactivate_node", 3, "gc-gone", "{\"certname\":\"gc-gone\",\"producer_timestamp\":\"2020-02-01T00:00:00.000Z\"}");

        GarbageCollector.Collected c = new GarbageCollector(jdbc, config, Clock.fixed(NOW, ZoneOffset.UTC)).collect();

        assertEquals(1, c.expired(), "only gc-stale had no activity for node-ttl: " + c);
        JsonNode stale = Json.ok(Pdb.http().get("/pdb/query/v4/nodes/gc-stale"));
        assertEquals("2020-03-01T00:00:00.000Z", stale.path("expired").asText(), "expired now: " + stale);
        List<String> active = Json.texts(Json.ok(Pdb.http().get("/pdb/query/v4/nodes")), "certname");
        assertFalse(active.contains("gc-stale"), "an expired node is no longer active");
        assertTrue(active.contains("gc-fresh"), "a node with recent facts stays active");
        assertEquals(404, Pdb.http().get("/pdb/query/v4/nodes/gc-gone").status(),
                "deactivated longer than node-purge-ttl: purged with its data");
        assertEquals(0, Json.ok(Pdb.query("/pdb/query/v4/reports", "[\"=\",\"certname\",\"gc-fresh\"]")).size(),
                "a report older than report-ttl is deleted");
    }

    private static void facts(String certname, String time) {
        command("replace_facts", 5, certname, """
                {"certname":"%s","environment":"production","producer_timestamp":"%s","producer":"test",
                 "values":{"kernel":"Linux"}}""".formatted(certname, time));
    }

    private static void report(String certname, String time) {
        command("store_report", 8, certname, """
                {"certname":"%1$s","environment":"production","puppet_version":"7.23.0","report_format":12,
                 "configuration_version":"1","start_time":"%2$s","end_time":"%2$s","producer_timestamp":"%2$s",
                 "producer":"test","transaction_uuid":"00000000-0000-4000-8000-00000000gc01","catalog_uuid":null,
                 "code_id":null,"job_id":null,"cached_catalog_status":"not_used","status":"unchanged","noop":false,
                 "noop_pending":false,"corrective_change":false,"logs":[],"metrics":[],"resources":[]}"""
                .formatted(certname, time));
    }

    private static void command(String name, int version, String certname, String payload) {
        PdbHttp.Exchange e = Pdb.http().send("POST", "/pdb/cmd/v1?command=" + name + "&version=" + version
                + "&certname=" + certname, Map.of("Content-Type", "application/json"),
                payload.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, e.status(), name + " for " + certname + ": " + e.body());
    }
}
