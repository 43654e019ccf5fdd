package io.puppetplane.inventory.ingest;

import static io.puppetplane.inventory.testing.Json.ok;
import static io.puppetplane.inventory.testing.Json.texts;
import static io.puppetplane.inventory.testing.Pdb.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.payload.CatalogCompiled;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.events.payload.ReportReceived;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.differential.Corpus;
import io.puppetplane.inventory.differential.PdbHttp;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.inventory.testing.Json;
import io.puppetplane.inventory.testing.Pdb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The plane's own events on the real Kafka (facts and reports from catalog-service, catalogs as
 * {@code CatalogCompiled} on {@code puppetplane.catalogs}) become the node's facts, catalog and report, as the
 * terminus's commands would.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
class PlaneEventIngestionTest {

    private static final String NODE = "kafka1.example.com";

    private final CloudEventCodec catalogService = new CloudEventCodec("catalog-service", Clock.systemUTC());

    @Inject
    AgroalDataSource dataSource;

    /** The other tests of the application count the corpus's nodes: this one's node goes with all its data. */
    @AfterEach
    void removeNode() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM certnames WHERE certname = ?")) {
            ps.setString(1, NODE);
            ps.executeUpdate();
        }
    }

    @Test
    void factsCatalogAndReportEventsBecomeTheNodesData() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(catalogService.encode(new FactsReceived(NODE, "production", Map.of("kernel", "Linux", "role", "nc"), now),
                NODE));
        ObjectNode catalog = (ObjectNode) Corpus.read(Pdb.corpus().dir()
                .resolve("commands/002-web1-first-run-with-a-failing-exec-web1-replace-catalog-v9.json")).get("payload");
        catalog.put("certname", NODE);
        catalog.put("producer_timestamp", now.toString());
        send(catalogService.encode(new CatalogCompiled(NODE, "production", catalog.path("transaction_uuid").asText(),
                null, now, catalog), NODE));
        JsonNode report = Json.parse("""
                {"host": "%s", "time": "%s", "puppet_version": "7.23.0", "report_format": 12,
                 "configuration_version": "1700000000", "environment": "production",
                 "transaction_uuid": "0b0b0b0b-0000-4000-8000-000000000001", "status": "changed", "noop": false,
                 "noop_pending": false, "cached_catalog_status": "not_used",
                 "metrics": {"time": {"name": "time", "label": "Time", "values": [["total", "Total", 1.5]]}},
                 "logs": [], "resource_statuses": {}}
                """.formatted(NODE, now));
        send(catalogService.encode(new ReportReceived(NODE, "production", "changed", "1700000000",
                "0b0b0b0b-0000-4000-8000-000000000001", null, null, false, now, report), NODE));

        JsonNode node = awaitNode();
        assertEquals("production", node.path("facts_environment").asText(), "facts from puppetplane.facts: " + node);
        assertEquals("production", node.path("catalog_environment").asText(), "catalog from puppetplane.catalogs");
        assertEquals("changed", node.path("latest_report_status").asText(), "report from puppetplane.reports");
        JsonNode facts = ok(query("/pdb/query/v4/facts", "[\"=\",\"certname\",\"" + NODE + "\"]"));
        assertTrue(texts(facts, "name").containsAll(List.of("kernel", "role")), "the event's facts: " + facts);
        JsonNode exported = ok(query("/pdb/query/v4/resources",
                "[\"and\",[\"=\",\"certname\",\"" + NODE + "\"],[\"=\",\"exported\",true]]"));
        assertEquals(exportedIn(catalog), exported.size(),
                "the catalog's exported resources are collectable: " + exported);
        JsonNode producers = ok(query("/pdb/query/v4/factsets", "[\"=\",\"certname\",\"" + NODE + "\"]"));
        assertEquals("catalog-service", producers.get(0).path("producer").asText(),
                "the producer is the publishing service");
    }

    @Test
    void aNodeDecommissionedByTheOperatorIsDeactivatedAndItsExportsAreNoLongerCollected() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode catalog = (ObjectNode) Corpus.read(Pdb.corpus().dir()
                .resolve("commands/002-web1-first-run-with-a-failing-exec-web1-replace-catalog-v9.json")).get("payload");
        catalog.put("certname", NODE);
        catalog.put("producer_timestamp", now.minusSeconds(5).toString());
        send(catalogService.encode(new CatalogCompiled(NODE, "production", catalog.path("transaction_uuid").asText(),
                null, now.minusSeconds(5), catalog), NODE));
        awaitActive(true);
        assertTrue(exportedIn(catalog) > 0, "the node exports something to lose");
        assertEquals(exportedIn(catalog), ok(query("/pdb/query/v4/resources", "[\"and\",[\"=\",\"certname\",\""
                + NODE + "\"],[\"=\",\"exported\",true]]")).size(), "its exports are collectable while active");

        CloudEventCodec enrollment = new CloudEventCodec("enrollment-service", Clock.systemUTC());
        send(enrollment.encode(new NodeStateChanged(NODE, "ready", "decommissioned", "operator", now), NODE));
        JsonNode node = awaitActive(false);
        assertTrue(!node.path("deactivated").isNull(), "the node is deactivated as puppet node deactivate does: "
                + node);
        JsonNode exported = ok(query("/pdb/query/v4/resources",
                "[\"and\",[\"=\",\"certname\",\"" + NODE + "\"],[\"=\",\"exported\",true]]"));
        assertEquals(0, exported.size(), "a deactivated node's exports are collected by no one: " + exported);
    }

    /** Waits until the nodes endpoint (active nodes only, as PuppetDB answers) shows the node or stops showing it. */
    private static JsonNode awaitActive(boolean active) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            PdbHttp.Exchange e = Pdb.http().get("/pdb/query/v4/nodes/" + NODE);
            last = e.status() + " " + e.body();
            if (active && e.status() == 200 && !Json.parse(e.body()).path("catalog_timestamp").isNull()) {
                return Json.parse(e.body());
            }
            if (!active) {
                JsonNode all = ok(query("/pdb/query/v4/nodes", "[\"and\",[\"=\",\"certname\",\"" + NODE
                        + "\"],[\"=\",[\"node\",\"active\"],false]]"));
                if (all.size() == 1) {
                    return all.get(0);
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(NODE + " did not become " + (active ? "active" : "inactive") + " in 60 s: " + last);
    }

    private static int exportedIn(JsonNode catalog) {
        int exported = 0;
        for (JsonNode r : catalog.path("resources")) {
            if (r.path("exported").asBoolean()) {
                exported++;
            }
        }
        return exported;
    }

    /** Waits (the consumer applies events asynchronously) until facts, catalog and report all arrived. */
    private static JsonNode awaitNode() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            PdbHttp.Exchange e = Pdb.http().get("/pdb/query/v4/nodes/" + NODE);
            if (e.status() == 200) {
                last = Json.parse(e.body());
                if (!last.path("facts_timestamp").isNull() && !last.path("catalog_timestamp").isNull()
                        && !last.path("report_timestamp").isNull()) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("facts, catalog and report of " + NODE + " did not all arrive in 60 s: " + last);
    }

    private static void send(OutgoingEvent event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), event.cloudEventJson())).get();
        }
    }
}
